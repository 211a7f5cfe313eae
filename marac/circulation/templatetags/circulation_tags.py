"""Whether a meeting's case list is out yet, for the agenda pages."""

import datetime as dt
from dataclasses import dataclass

from django import template
from django.utils import timezone

from marac.access import policy
from marac.circulation.selectors import deadline_passed
from marac.circulation.services import circulation_due_at
from marac.meetings.models import Meeting, MeetingStatus

register = template.Library()


@dataclass(frozen=True)
class CaseListRelease:
    circulated_at: dt.datetime | None
    circulated_by: str  # the coordinator's name, or empty when the scheduler circulated it
    released: bool  # circulated, or the meeting has started
    due_at: dt.datetime | None  # when the scheduler will circulate it; None for an emergency meeting
    due_passed: bool  # the lead time has come: the next scheduled run circulates it once a case is listed


@register.simple_tag
def case_list_release(meeting: Meeting) -> CaseListRelease:
    """Reads `meeting.circulation`: fetch the meeting with it (`meetings.selectors.meeting_queryset` does)."""
    circulation = getattr(meeting, "circulation", None)
    due_at = circulation_due_at(meeting)
    return CaseListRelease(
        circulated_at=circulation.circulated_at if circulation else None,
        circulated_by=circulation.circulated_by.get_full_name() if circulation and circulation.circulated_by else "",
        released=circulation is not None or meeting.status != MeetingStatus.SCHEDULED,
        due_at=due_at,
        due_passed=due_at is None or due_at <= timezone.now(),
    )


@register.filter
def research_deadline_passed(meeting: Meeting) -> bool:
    return deadline_passed(meeting)


@register.inclusion_tag("circulation/_agenda_circulation.html", takes_context=True)
def agenda_circulation(context: template.Context, meeting: Meeting) -> dict:
    """On the full agenda: whether and when the case list went out, and the coordinator's "Circulate now"."""
    actor = context.get("actor")
    return {
        "meeting": meeting,
        "release": case_list_release(meeting),
        "may_circulate": actor is not None and policy.has_permission(actor, "meeting.circulate"),
        "csrf_token": context.get("csrf_token"),
    }
