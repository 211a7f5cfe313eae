"""The reports' own navigation: the same tabs on every report page, each offered only to whoever may open it."""

from django import template
from django.utils.translation import gettext_lazy as _

from marac.access import policy

register = template.Library()

# (key, label, url name, permission)
PAGES = (
    ("dashboard", _("Dashboard"), "reports:dashboard", "report.view"),
    ("return", _("Quarterly data return"), "reports:return", "report.view"),
    ("monitoring", _("Monitoring over the year"), "reports:monitoring", "report.view"),
    ("annual", _("Annual review pack"), "reports:annual_review", "report.view"),
    ("settings", _("Settings"), "reports:settings", "report.configure"),
)


@register.inclusion_tag("reports/_navigation.html", takes_context=True)
def reports_navigation(context: template.Context, current: str, quarter: str = "") -> dict:
    actor = context.get("actor")
    pages = [
        {"label": label, "url_name": url_name, "current": key == current, "keeps_quarter": key != "settings"}
        for key, label, url_name, permission in PAGES
        if actor is not None and policy.has_permission(actor, permission)
    ]
    return {"pages": pages, "quarter": quarter}
