"""What every meeting page does the same way: the declaration gate, the audited case list, the default due date,
saving attendance."""

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_htmx.http import HttpResponseClientRedirect

from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.meetings import selectors, services
from marac.meetings.forms import AttendanceForm, add_service_errors
from marac.meetings.models import AgendaItem, Meeting


def case_of(item: AgendaItem):
    return item.case


def declaration_first(request: HttpRequest, meeting: Meeting, *, back_to: str = "") -> HttpResponse | None:
    """While the meeting is in progress, send anyone who has not confirmed the declaration to confirm it first.

    `back_to` is the page to return to when the request itself cannot be repeated (a form's POST-only target);
    by default the requested page.
    """
    if not selectors.declaration_needed(actor=request.actor, meeting=meeting):
        return None
    query = urlencode({"next": back_to or request.get_full_path()})
    url = f"{reverse('meetings:declare', kwargs={'pk': meeting.pk})}?{query}"
    if request.htmx:
        # A swapped fragment would hide the declaration inside the page: have the browser load it whole.
        return HttpResponseClientRedirect(url)
    return redirect(url)


def record_case_list(actor: Actor, meeting: Meeting, case_ids: list[int], summary: str) -> None:
    audit_record(actor=actor, action=AuditAction.LIST, target=meeting, summary=summary, detail={"ids": case_ids})


def default_due_date(meeting: Meeting) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=meeting.locality.action_due_days)


def attendance_saved(request: HttpRequest, meeting: Meeting) -> tuple[AttendanceForm, bool]:
    """The attendance form as posted, and whether it was saved (with the message that says so). A MARAC or a MATAC
    meeting, the same form and the same service."""
    form = AttendanceForm(
        request.POST,
        agencies=selectors.invited_agencies(meeting),
        recorded=selectors.attendance_by_agency(meeting=meeting),
    )
    if not form.is_valid():
        return form, False
    entries = [
        services.AttendanceEntry(agency=agency, status=status, attendee_name=name, information_sent=sent)
        for agency, status, name, sent in form.entries()
    ]
    try:
        services.attendance_record(actor=request.actor, meeting=meeting, entries=entries)
    except ValidationError as error:
        add_service_errors(form, error)
        return form, False
    messages.success(request, gettext("Attendance saved."))
    return form, True
