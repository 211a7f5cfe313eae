"""MATAC meeting pages: planning one, its agenda of nominees, running it (start, attendance, close), and each
nominee at the meeting (the discussion and the tactics agreed). The declaration gate and attendance are the
meeting machinery's own."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from marac.access import guard, matac_policy, policy
from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.matac import selectors
from marac.matac.forms import ListingAddForm, ListingDiscussionForm, MatacActionForm, MatacMeetingForm
from marac.matac.models import MatacListing
from marac.matac.services.actions import matac_action_create
from marac.matac.services.meetings import (
    matac_listing_add,
    matac_listing_record_discussion,
    matac_meeting_close,
    matac_meeting_plan,
    matac_meeting_start,
    matac_next_date,
)
from marac.meetings import selectors as meeting_selectors
from marac.meetings.forms import AttendanceForm
from marac.meetings.models import Meeting, MeetingStatus
from marac.meetings.view_helpers import attendance_saved, declaration_first
from marac.referrals.views import add_service_errors


def _meeting(actor: Actor, pk: int, permission: str = "matac.view", *, audit: bool = True) -> Meeting:
    guard.require(actor, permission, object_type="meetings.meeting", object_id=pk)
    return guard.fetch(actor, selectors.matac_meeting_queryset(actor=actor), pk, audit=audit)


def _listing(actor: Actor, pk: int, permission: str, *, audit: bool = True) -> MatacListing:
    guard.require(actor, permission, object_type="matac.mataclisting", object_id=pk)
    return guard.fetch(actor, selectors.listing_queryset(actor=actor), pk, audit=audit)


def meeting_new(request: HttpRequest) -> HttpResponse:
    """Plan a MATAC meeting: the date four weeks after the last one is suggested."""
    actor = request.actor
    guard.require(actor, "meeting.schedule", object_type="meetings.meeting")
    suggested = timezone.localtime(matac_next_date(locality=actor.locality))
    form = MatacMeetingForm(
        request.POST if request.method == "POST" else None,
        locality=actor.locality,
        initial={"date": suggested.date(), "time": suggested.time(), "location": actor.locality.meeting_location},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = matac_meeting_plan(
                actor=actor,
                scheduled_for=form.scheduled_for(),
                location=form.cleaned_data["location"],
                invited_agencies=form.cleaned_data["invited_agencies"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, gettext("%(meeting)s planned. Put the selected nominees on its agenda.") % {"meeting": meeting}
            )
            return redirect("matac:meeting", pk=meeting.pk)
    return render(request, "matac/meeting_new.html", {"form": form, "suggested": suggested})


def _render_meeting(request: HttpRequest, meeting: Meeting, *, attendance_form: AttendanceForm | None = None):
    actor = request.actor
    runs = policy.has_permission(actor, "meeting.run")
    listings = selectors.meeting_listings(actor=actor, meeting=meeting)
    agencies = meeting_selectors.invited_agencies(meeting)
    context: dict = {
        "meeting": meeting,
        "listings": [(listing, selectors.scores_of(listing.nomination)) for listing in listings],
        "runs": runs,
        "shows_scores": selectors.shows_scores(actor),
        "shows_shared": runs or meeting.is_held,
        "agencies": agencies,
        "invited_agencies": agencies,
    }
    if runs:
        if attendance_form is None:
            attendance_form = AttendanceForm(
                agencies=agencies,
                recorded=meeting_selectors.attendance_by_agency(meeting=meeting),
                read_only=meeting.status == MeetingStatus.CLOSED,
            )
        declarations = meeting_selectors.declarations_at(meeting=meeting, agencies=agencies)
        context.update(
            attendance_form=attendance_form,
            attendance_rows=[
                (agency, status, name, sent, declarations.by_agency.get(agency.pk, []))
                for agency, status, name, sent in attendance_form.rows()
            ],
            other_declarations=declarations.others,
            # Every overdue action of the nominees on this agenda, whichever meeting agreed it.
            overdue=list(selectors.overdue_actions(actor=actor).filter(nomination__listings__meeting=meeting)),
        )
        if meeting.status != MeetingStatus.CLOSED and policy.has_permission(actor, "matac.select"):
            listable = selectors.listable_nominations(actor=actor, meeting=meeting)
            context.update(add_form=ListingAddForm(nominations=listable), listable_count=len(listable))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        target=meeting,
        summary="Viewed the MATAC meeting's nominees",
        detail={"nominations": [listing.nomination_id for listing in listings]},
    )
    return render(request, "matac/meeting.html", context)


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The MATAC meeting: its nominees (identifiers for invited agencies until it starts), and, for those who run
    it, attendance, declarations and the controls."""
    meeting = _meeting(request.actor, pk)
    if declare_first := declaration_first(request, meeting):
        return declare_first
    return _render_meeting(request, meeting)


@require_POST
def listing_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting = _meeting(actor, pk, "matac.select", audit=False)
    form = ListingAddForm(request.POST, nominations=selectors.listable_nominations(actor=actor, meeting=meeting))
    if form.is_valid():
        try:
            listing = matac_listing_add(actor=actor, meeting=meeting, nomination=form.cleaned_data["nomination"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, gettext("%(name)s is on the agenda.") % {"name": listing.nomination.person.full_name}
            )
    else:
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return redirect(reverse("matac:meeting", kwargs={"pk": meeting.pk}) + "#agenda")


@require_POST
def meeting_start(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting = _meeting(actor, pk, "meeting.run", audit=False)
    try:
        matac_meeting_start(actor=actor, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, gettext("The MATAC meeting has started. Invited agencies now see the nominees' profiles.")
        )
    return redirect("matac:meeting", pk=meeting.pk)


@require_POST
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting = _meeting(actor, pk, "meeting.run", audit=False)
    back = reverse("matac:meeting", kwargs={"pk": pk})
    if declare_first := declaration_first(request, meeting, back_to=back):
        return declare_first
    form, saved = attendance_saved(request, meeting)
    if saved:
        return redirect(back + "#attendance")
    return _render_meeting(request, meeting, attendance_form=form)


@require_POST
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting = _meeting(actor, pk, "meeting.run", audit=False)
    if declare_first := declaration_first(request, meeting, back_to=reverse("matac:meeting", kwargs={"pk": pk})):
        return declare_first
    try:
        matac_meeting_close(actor=actor, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, gettext("The MATAC meeting is closed. Its actions are followed up on the MATAC pages.")
        )
    return redirect("matac:meeting", pk=meeting.pk)


def _default_due_date(meeting: Meeting) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=meeting.locality.action_due_days)


def _render_listing(
    request: HttpRequest,
    listing: MatacListing,
    *,
    discussion_form: ListingDiscussionForm | None = None,
    action_form: MatacActionForm | None = None,
) -> HttpResponse:
    actor = request.actor
    meeting = listing.meeting
    agenda = list(
        matac_policy.visible_listings(actor)
        .filter(meeting=meeting)
        .order_by("position", "pk")
        .values_list("pk", flat=True)
    )
    position = agenda.index(listing.pk)
    in_progress = meeting.status == MeetingStatus.IN_PROGRESS
    nomination = listing.nomination
    nomination.score_history = list(nomination.scores.order_by("taken_at", "pk"))
    agreed_here = list(
        selectors.with_overdue(matac_policy.visible_matac_actions(actor)).filter(listing=listing).order_by("pk")
    )
    return render(
        request,
        "matac/listing.html",
        {
            "listing": listing,
            "meeting": meeting,
            "nomination": nomination,
            "person": nomination.person,
            "scores": selectors.scores_of(nomination),
            "shows_scores": selectors.shows_scores(actor),
            "earlier_actions": selectors.earlier_open_actions(actor=actor, listing=listing),
            "agreed_here": agreed_here,
            "discussion_form": discussion_form or ListingDiscussionForm(initial={"discussion": listing.discussion}),
            "action_form": action_form
            or MatacActionForm(
                agencies=meeting_selectors.invited_agencies(meeting), due_date=_default_due_date(meeting)
            ),
            "in_progress": in_progress,
            "may_add_actions": in_progress and policy.has_permission(actor, "action.create"),
            "position": position + 1,
            "nominee_count": len(agenda),
            "previous_pk": agenda[position - 1] if position > 0 else None,
            "next_pk": agenda[position + 1] if position + 1 < len(agenda) else None,
        },
    )


def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One nominee at the meeting: profiles, score, earlier actions still open, the discussion and new tactics."""
    actor = request.actor
    listing = _listing(actor, pk, "meeting.run", audit=request.method == "GET")
    if declare_first := declaration_first(request, listing.meeting):
        return declare_first
    if request.method != "POST":
        return _render_listing(request, listing)
    form = ListingDiscussionForm(request.POST)
    if form.is_valid():
        try:
            matac_listing_record_discussion(actor=actor, listing=listing, discussion=form.cleaned_data["discussion"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, gettext("Discussion of %(name)s saved.") % {"name": listing.nomination.person.full_name}
            )
            return redirect(reverse("matac:listing", kwargs={"pk": listing.pk}) + "#actions")
    return _render_listing(request, listing, discussion_form=form)


@require_POST
def listing_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    listing = _listing(actor, pk, "action.create", audit=False)
    back = reverse("matac:listing", kwargs={"pk": listing.pk})
    if declare_first := declaration_first(request, listing.meeting, back_to=back):
        return declare_first
    form = MatacActionForm(
        request.POST,
        agencies=meeting_selectors.invited_agencies(listing.meeting),
        due_date=_default_due_date(listing.meeting),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            action = matac_action_create(
                actor=actor,
                listing=listing,
                owner_agency=data["owner_agency"],
                category=data["category"],
                text=data["text"],
                due_date=data["due_date"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("%(tactic)s action for %(agency)s added.")
                % {"tactic": action.get_category_display(), "agency": action.owner_agency},
            )
            return redirect(back + "#actions")
    return _render_listing(request, listing, action_form=form)
