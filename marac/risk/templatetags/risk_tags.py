"""How risk levels look, the same on every page and for every scale."""

from django import template

from marac.risk.models import InstrumentVersion
from marac.risk.registry import version_name
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


@register.filter
def instrument_name(version: InstrumentVersion) -> str:
    """A version's name in the language of the page, where marac ships its wording in that language."""
    return version_name(version)
