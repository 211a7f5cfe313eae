"""How possible duplicates look, the same on the queue and the decision page."""

import math

from django import template

from marac.duplicates.models import CandidateStatus

register = template.Library()

CANDIDATE_STATUS_CLASS = {
    CandidateStatus.PENDING: "govuk-tag--yellow",
    CandidateStatus.UNDONE: "govuk-tag--orange",
    CandidateStatus.SAME_PERSON: "govuk-tag--green",
    CandidateStatus.NOT_SAME: "govuk-tag--grey",
}


@register.filter
def candidate_status_class(status: str) -> str:
    return CANDIDATE_STATUS_CLASS.get(status, "govuk-tag--grey")


@register.filter
def percent(probability: float) -> str:
    """0.9731 -> '97%'; near 1, never rounded up to certainty: 0.99996 -> '99.99%'."""
    share = probability * 100
    if share >= 99.5 and probability < 1:
        return f"{math.floor(share * 100) / 100:.2f}%"
    return f"{share:.0f}%"
