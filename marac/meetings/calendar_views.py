"""Calendar downloads: one meeting's invitation, and the feed of every meeting the user may see."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from marac.access import guard, policy
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.meetings.calendar import calendar_meetings, calendar_of, meeting_summary
from marac.meetings.models import Meeting

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _calendar_response(body: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting as an invitation to add to a calendar."""
    actor = request.actor
    guard.require(actor, "meeting.list", object_type="meetings.meeting", object_id=pk)
    meeting = guard.fetch(actor, policy.visible_meetings(actor).select_related("locality"), pk, audit=False)

    def url_of(item: Meeting) -> str:
        return request.build_absolute_uri(reverse("meetings:detail", args=[item.pk]))

    body = calendar_of([meeting], url_of=url_of, name=meeting_summary(meeting))
    audit_record(actor=actor, action=AuditAction.EXPORT, target=meeting, summary="Downloaded a meeting invitation")
    return _calendar_response(body, filename=f"meeting-{meeting.pk}.ics")


def calendar_feed(request: HttpRequest) -> HttpResponse:
    """Every meeting the user may see, from a month ago to six months ahead."""
    actor = request.actor
    guard.require(actor, "meeting.list", object_type="meetings.calendar", object_id="feed")
    meetings = list(calendar_meetings(actor=actor))

    def url_of(item: Meeting) -> str:
        return request.build_absolute_uri(reverse("meetings:detail", args=[item.pk]))

    name = f"{actor.locality.name} {actor.locality.mechanism_name} meetings"
    body = calendar_of(meetings, url_of=url_of, name=name)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        summary="Downloaded the meeting calendar",
        detail={"ids": [meeting.pk for meeting in meetings]},
    )
    return _calendar_response(body, filename="meetings.ics")
