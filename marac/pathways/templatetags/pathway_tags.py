"""How pathway referrals' states look, the same on every page."""

from django import template

from marac.pathways.models import PathwayReferralStatus

register = template.Library()

STATUS_CLASS = {
    PathwayReferralStatus.AWAITING: "govuk-tag--yellow",
    PathwayReferralStatus.ACCEPTED: "govuk-tag--green",
    PathwayReferralStatus.DECLINED: "govuk-tag--grey",
    PathwayReferralStatus.CLOSED: "govuk-tag--grey",
}


@register.filter
def pathway_status_class(status: str) -> str:
    return STATUS_CLASS.get(status, "govuk-tag--grey")
