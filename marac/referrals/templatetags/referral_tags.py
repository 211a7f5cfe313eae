"""How referral and case states look, the same on every page."""

from django import template
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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
    CaseStatus.ON_PATHWAY: "govuk-tag--pink",
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


# Referral.criteria_met names the criteria in English, as the audit trail records them; pages show them translated.
CRITERION_LABELS = {
    "Visible high risk": _("Visible high risk"),
    "Professional judgement": _("Professional judgement"),
    "Potential escalation": _("Potential escalation"),
    "Repeat": _("Repeat"),
}


@register.filter
def criterion_label(criterion: str) -> str:
    return CRITERION_LABELS.get(criterion, criterion)


@register.filter
def yes_no_unknown(value: bool | None) -> str:
    return {True: gettext("Yes"), False: gettext("No")}.get(value, gettext("Not known"))


@register.filter
def lookup(mapping: dict, key: str):
    return mapping.get(key, key) if mapping else key
