"""How duties look, and what the case page and the protocol page say about them."""

from django import template
from django.utils import timezone

from marac.access import policy
from marac.duties import selectors
from marac.duties.models import DutyStatus

register = template.Library()

DUTY_STATUS_CLASS = {
    DutyStatus.OPEN: "govuk-tag--yellow",
    DutyStatus.REFERRED: "govuk-tag--green",
    DutyStatus.MET_AUTOMATICALLY: "govuk-tag--green",
    DutyStatus.DECLINED: "govuk-tag--grey",
}


@register.filter
def duty_status_class(status: str) -> str:
    return DUTY_STATUS_CLASS.get(status, "govuk-tag--grey")


@register.inclusion_tag("duties/_duty_status.html")
def duty_status(duty, now) -> dict:
    """The duty's status tag: an open duty past its answer time reads as unmet."""
    return {"duty": duty, "unmet": duty.is_unmet(now)}


@register.inclusion_tag("duties/_protocol_link.html")
def protocol_duties_link() -> dict:
    """The link from the protocol page to the duties it sets (no query)."""
    return {}


@register.inclusion_tag("duties/_case_panel.html", takes_context=True)
def case_referral_back(context, page) -> dict:
    """Disclosures and moves recorded on the case, the duties on it the reader may see, and the link to record one:
    for readers with shared detail or more (two queries; none below)."""
    actor = context["request"].actor
    access = page.access
    panel = selectors.case_panel(actor=actor, case=access.case, detail=access.detail)
    return {
        "shows": page.shows_shared,
        "case": access.case,
        "panel": panel,
        "now": timezone.now(),
        "may_record": page.shows_shared and policy.has_permission(actor, "duty.record_event"),
    }
