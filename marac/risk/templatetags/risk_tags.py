"""How risk levels look, the same on every page and for every scale."""

from django import template

from marac.risk.scales import all_level_labels

register = template.Library()

RISK_LEVEL_CLASS = {
    "extreme": "govuk-tag--red",
    "high": "govuk-tag--red",
    "medium": "govuk-tag--orange",
}


@register.filter
def risk_level_class(level: str) -> str:
    return RISK_LEVEL_CLASS.get(level, "govuk-tag--grey")


@register.filter
def risk_level_label(level: str) -> str:
    return all_level_labels().get(level, level)
