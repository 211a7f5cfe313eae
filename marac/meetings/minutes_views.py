"""The minutes of a closed meeting: read on screen, or downloaded as a PDF to file in the agency's records.

Before the meeting closes the page says the minutes come after it closes (nothing of the cases is shown); the PDF
is refused with a 404, as there is nothing to download yet.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext

from marac.access import guard
from marac.audit.models import AuditAction, AuditPurpose
from marac.audit.services import audit_record
from marac.meetings import minutes as selectors
from marac.meetings.models import Meeting
from marac.pdf import html_to_pdf, pdf_download


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return guard.fetch(request.actor, selectors.minutes_meeting_queryset(actor=request.actor), pk, audit=False)


def _version(minutes: selectors.Minutes) -> str:
    return "full" if minutes.is_full_version else f"agency {minutes.agency_name}"


def minutes_page(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting = _meeting(request, pk)
    if not selectors.minutes_available(meeting):
        audit_record(actor=actor, action=AuditAction.VIEW, target=meeting, summary="Viewed minutes not yet available")
        return render(request, "meetings/minutes/not_yet.html", {"meeting": meeting})
    minutes = selectors.minutes_for(actor=actor, meeting=meeting)
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target=meeting,
        summary="Viewed the minutes",
        detail={"ids": minutes.case_ids, "version": _version(minutes)},
        purpose=AuditPurpose.MEETING,
    )
    return render(
        request,
        "meetings/minutes/page.html",
        {"meeting": meeting, "minutes": minutes, "marking": gettext(selectors.RESTRICTED_MARKING)},
    )


def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting = _meeting(request, pk)
    if not selectors.minutes_available(meeting):
        raise guard.deny(
            actor, object_type="meetings.meeting", object_id=pk, reason="Minutes only after the meeting closes"
        )
    minutes = selectors.minutes_for(actor=actor, meeting=meeting)
    html = render_to_string(
        "meetings/minutes/print.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "marking": gettext(selectors.RESTRICTED_MARKING),
            "produced_at": timezone.localtime(),
            "produced_by": actor.user.get_full_name() or actor.user.get_username(),
        },
    )
    document = html_to_pdf(html)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target=meeting,
        summary="Downloaded the minutes as a PDF",
        detail={"ids": minutes.case_ids, "version": _version(minutes)},
        purpose=AuditPurpose.MEETING,
    )
    # The meeting's id and date only: a filename travels in e-mails and download folders.
    return pdf_download(
        document, f"marac-minutes-{meeting.pk}-{timezone.localtime(meeting.scheduled_for):%Y-%m-%d}.pdf"
    )
