"""How orders, breaches and programmes look, and the panel the case page shows of them."""

import datetime as dt

from django import template

from marac.access import policy
from marac.perpetrators.models import ProgrammeStatus, ResponseKind
from marac.perpetrators.order_services import case_closed_to_records
from marac.perpetrators.selectors import case_panel
from marac.perpetrators.timeliness import duration_words

register = template.Library()

RESPONSE_CLASS = {
    ResponseKind.ARREST: "govuk-tag--red",
    ResponseKind.CHARGE: "govuk-tag--red",
    ResponseKind.RETURN_TO_COURT: "govuk-tag--orange",
    ResponseKind.WARNING: "govuk-tag--yellow",
    ResponseKind.NO_ACTION: "govuk-tag--grey",
}
PROGRAMME_CLASS = {
    ProgrammeStatus.ATTENDING: "govuk-tag--blue",
    ProgrammeStatus.COMPLETED: "govuk-tag--green",
    ProgrammeStatus.DROPPED_OUT: "govuk-tag--red",
}


@register.filter
def duration(value: dt.timedelta | None) -> str:
    return duration_words(value)


@register.filter
def response_class(kind: str) -> str:
    return RESPONSE_CLASS.get(kind, "govuk-tag--grey")


@register.filter
def programme_class(status: str) -> str:
    return PROGRAMME_CLASS.get(status, "govuk-tag--grey")


@register.inclusion_tag("perpetrators/_case_panel.html", takes_context=True)
def case_perpetrator_panel(context, page) -> dict:
    """Orders, breaches and programmes on the case, for readers with shared detail or more (five queries; none
    below)."""
    if not page.shows_shared:
        return {"shows": False}
    actor = context["request"].actor
    case = page.case
    open_to_records = not case_closed_to_records(case)
    return {
        "shows": True,
        "case": case,
        "panel": case_panel(actor=actor, case=case, perpetrators=[party.person for party in page.perpetrators]),
        "may_record_order": open_to_records and policy.has_permission(actor, "order.record"),
        "may_record_programme": open_to_records and policy.has_permission(actor, "programme.record"),
        "may_see_perpetrators": policy.has_permission(actor, "perpetrator.view"),
    }
