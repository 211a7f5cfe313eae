"""How referral and case states look, the same on every page."""

from django import template

from marac.referrals.models import CaseStatus, TriageStatus
from marac.risk.templatetags import risk_tags

register = template.Library()

TRIAGE_STATUS_CLASS = {
    TriageStatus.PENDING: "govuk-tag--yellow",
    TriageStatus.MORE_INFORMATION: "govuk-tag--orange",
    TriageStatus.LISTED: "govuk-tag--green",
    TriageStatus.DECLINED: "govuk-tag--grey",
}

CASE_STATUS_CLASS = {
    CaseStatus.REFERRED: "govuk-tag--yellow",
    CaseStatus.LISTED: "govuk-tag--blue",
    CaseStatus.HEARD: "govuk-tag--purple",
    CaseStatus.MONITORING: "govuk-tag--turquoise",
    CaseStatus.CLOSED: "govuk-tag--grey",
    CaseStatus.TRANSFERRED: "govuk-tag--grey",
}


@register.filter
def triage_status_class(status: str) -> str:
    return TRIAGE_STATUS_CLASS.get(status, "govuk-tag--grey")


@register.filter
def case_status_class(status: str) -> str:
    return CASE_STATUS_CLASS.get(status, "govuk-tag--grey")


# Risk levels look the same on referral pages as on risk pages, whatever the scale.
register.filter("risk_level_class", risk_tags.risk_level_class)
register.filter("risk_level_label", risk_tags.risk_level_label)


@register.filter
def yes_no_unknown(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not known")


@register.filter
def lookup(mapping: dict, key: str):
    return mapping.get(key, key) if mapping else key
