"""What the case page shows of the incidents about the victim."""

from django import template

from marac.incidents.selectors import CASE_PAGE_INCIDENTS, case_incidents

register = template.Library()


@register.inclusion_tag("incidents/_case_incidents.html")
def case_incidents_table(page) -> dict:
    """Incidents about the victim for readers with shared detail or more (one query; none below)."""
    access = page.access
    return {
        "shows": page.shows_shared,
        "incidents": case_incidents(case=access.case, detail=access.detail),
        "limit": CASE_PAGE_INCIDENTS,
    }
