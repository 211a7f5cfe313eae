"""The coordinator's side of circulation: circulating a case list early, the research grid, and reminders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from marac.access import guard, policy
from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.circulation import reminders, services
from marac.circulation.selectors import research_grid as grid_for
from marac.meetings import selectors as meeting_selectors
from marac.meetings.models import Meeting
from marac.meetings.view_helpers import declaration_first
from marac.notifications.services import SendReport


def _meeting(actor: Actor, pk: int, permission: str) -> Meeting:
    guard.require(actor, permission, object_type="meetings.meeting", object_id=pk)
    # Case lists and research belong to MARAC meetings: a MATAC meeting is not found here.
    return guard.fetch(actor, meeting_selectors.marac_meeting_queryset(actor=actor), pk)


def _report_message(report: SendReport) -> str:
    if report.is_empty:
        return gettext("No new e-mail notice was needed: every agency has already been told.")
    return gettext("Notices: %(summary)s.") % {"summary": report.summary()}


@require_POST
def circulate(request: HttpRequest, pk: int) -> HttpResponse:
    """Circulate now: earlier than the scheduler would, or for an emergency meeting; afterwards, tell agencies
    about cases listed since, without waiting for the next scheduled run."""
    actor = request.actor
    meeting = _meeting(actor, pk, "meeting.circulate")
    try:
        if not hasattr(meeting, "circulation"):
            services.circulation_create(actor=actor, meeting=meeting)
            messages.success(
                request, gettext("The case list is circulated: invited agencies can now see it and research.")
            )
        report = services.case_list_notices_send(actor=actor, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, _report_message(report))
    return redirect("meetings:detail", pk=meeting.pk)


def research_grid(request: HttpRequest, pk: int) -> HttpResponse:
    """What each invited agency has returned on each case, for the coordinator and the chair."""
    actor = request.actor
    meeting = _meeting(actor, pk, "research.returns")
    if declare_first := declaration_first(request, meeting):
        return declare_first
    grid = grid_for(actor=actor, meeting=meeting, agencies=meeting_selectors.invited_agencies(meeting))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        target=meeting,
        summary="Viewed the research returned for the meeting",
        detail={"ids": [row.item.case_id for row in grid.rows]},
    )
    return render(
        request,
        "circulation/research_grid.html",
        {
            "meeting": meeting,
            "grid": grid,
            "may_remind": policy.has_permission(actor, "research.remind"),
        },
    )


@require_POST
def research_reminders(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting = _meeting(actor, pk, "research.remind")
    try:
        report = reminders.research_reminders_send(actor=actor, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if report.is_empty:
            messages.info(
                request, gettext("No reminder sent: every agency has returned its research or was reminded today.")
            )
        else:
            messages.success(request, _report_message(report))
    return redirect("circulation:research_grid", pk=meeting.pk)
