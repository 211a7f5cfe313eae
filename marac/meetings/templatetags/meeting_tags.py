"""How meetings, research findings and referral criteria look, the same on every page."""

from django import template

from marac.meetings.models import MeetingStatus, ResearchFinding

register = template.Library()

MEETING_STATUS_CLASS = {
    MeetingStatus.SCHEDULED: "govuk-tag--blue",
    MeetingStatus.IN_PROGRESS: "govuk-tag--orange",
    MeetingStatus.CLOSED: "govuk-tag--grey",
}

FINDING_CLASS = {ResearchFinding.NO_TRACE: "govuk-tag--grey", ResearchFinding.KNOWN: "govuk-tag--purple"}


@register.filter
def meeting_status_class(status: str) -> str:
    return MEETING_STATUS_CLASS.get(status, "govuk-tag--grey")


@register.filter
def finding_class(finding: str) -> str:
    return FINDING_CLASS.get(finding, "govuk-tag--grey")


@register.filter
def criterion_class(criterion: str) -> str:
    """A repeat must stand out: the meeting has to ask why earlier actions did not keep her safe."""
    return "govuk-tag--red" if criterion == "Repeat" else "govuk-tag--turquoise"
