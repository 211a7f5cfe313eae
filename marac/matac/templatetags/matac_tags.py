"""How MATAC statuses and score changes look, the same on every page."""

from decimal import Decimal

from django import template

from marac.matac.models import NominationStatus

register = template.Library()

STATUS_TAG_CLASS = {
    NominationStatus.NOMINATED: "govuk-tag--yellow",
    NominationStatus.SELECTED: "govuk-tag--purple",
    NominationStatus.DECLINED: "govuk-tag--grey",
    NominationStatus.EXITED: "govuk-tag--green",
}


@register.filter
def nomination_status_class(status: str) -> str:
    return STATUS_TAG_CLASS.get(status, "govuk-tag--grey")


@register.filter
def signed(value: Decimal | None) -> str:
    """A change in score with its sign: "+2.50", "−4.00" (a true minus sign), "0.00"."""
    if value is None:
        return ""
    value = Decimal(value).quantize(Decimal("0.01"))
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"\u2212{-value}"
    return f"{abs(value)}"


@register.filter
def change_class(value: Decimal | None) -> str:
    """A score that fell is what MATAC works for: green; one that rose, red."""
    if value is None or value == 0:
        return "govuk-tag--grey"
    return "govuk-tag--green" if value < 0 else "govuk-tag--red"
