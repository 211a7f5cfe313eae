"""Meeting pages: the agenda, agencies' research, and running and closing the meeting.

Thin views: the guard decides what the actor may see, services do the writing. These pages are built on a case list:
a MATAC meeting's own pages are `marac.matac`'s, and its agenda page here sends the reader there.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from marac.access import guard, policy
from marac.access.actor import Actor
from marac.actions import services as action_services
from marac.actions.forms import ActionReviewForm
from marac.actions.models import Action, CatalogueAction
from marac.actions.selectors import incomplete_actions_for_review
from marac.agencies.models import Agency
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.meetings import live, selectors, services
from marac.meetings.declarations import CURRENT_DECLARATION
from marac.meetings.forms import (
    AttendanceForm,
    DeclarationForm,
    DiscussionDraftForm,
    DiscussionForm,
    LiveActionForm,
    MeetingCloseForm,
    MeetingScheduleForm,
    ResearchForm,
    add_service_errors,
)
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus
from marac.meetings.view_helpers import (
    attendance_saved,
    case_of,
    declaration_first,
    default_due_date,
    record_case_list,
)

PAST_MEETINGS_PER_PAGE = 20


def _meeting_to_run(actor: Actor, pk: int) -> Meeting:
    guard.require(actor, "meeting.run", object_type="meetings.meeting", object_id=pk)
    return guard.fetch(actor, selectors.marac_meeting_queryset(actor=actor), pk)


def _item_to_run(actor: Actor, pk: int, permission: str = "meeting.run") -> AgendaItem:
    guard.require(actor, permission, object_type="meetings.agendaitem", object_id=pk)
    items = live.with_risk_picture(selectors.agenda_item_for_meeting_queryset(actor=actor), actor=actor)
    return guard.fetch(actor, items, pk, case_of=case_of)


def meeting_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "meeting.list")
    upcoming_qs, past_qs = selectors.meetings_for_list(actor=actor)
    upcoming = list(upcoming_qs)
    past = Paginator(past_qs, PAST_MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed meetings",
        detail={"ids": [meeting.pk for meeting in upcoming] + [meeting.pk for meeting in past]},
    )
    return render(
        request,
        "meetings/list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "may_schedule": policy.has_permission(actor, "meeting.schedule"),
            "sees_agenda_in_full": policy.has_permission(actor, "meeting.run"),
        },
    )


def meeting_new(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "meeting.schedule", object_type="meetings.meeting")
    form = MeetingScheduleForm(request.POST if request.method == "POST" else None, locality=actor.locality)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(
                actor=actor,
                scheduled_for=form.scheduled_for(),
                mode=form.cleaned_data["mode"],
                location=form.cleaned_data["location"],
                invited_agencies=form.cleaned_data["invited_agencies"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("%(meeting)s scheduled. List cases on it from the triage of referrals.") % {"meeting": meeting},
            )
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/new.html", {"form": form})


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda: in full for the coordinator and chair, identifiers only for invited agencies."""
    actor = request.actor
    meeting = guard.fetch(actor, selectors.meeting_queryset(actor=actor), pk)
    if meeting.is_matac:
        # Links to "a meeting" (the calendar, the dashboard, the declaration) lead here: its agenda is the MATAC page.
        return redirect("matac:meeting", pk=meeting.pk)
    if declare_first := declaration_first(request, meeting):
        return declare_first
    context: dict = {"meeting": meeting}
    if policy.has_permission(actor, "meeting.run"):
        agencies = selectors.invited_agencies(meeting)
        rows = selectors.agenda_overview(actor=actor, meeting=meeting, agencies=agencies)
        case_ids = [row.item.case_id for row in rows]
        context.update(agencies=agencies, rows=rows, any_earlier_actions=any(row.incomplete_actions for row in rows))
        template = "meetings/agenda_full.html"
    else:
        listings = selectors.agenda_minimal(actor=actor, meeting=meeting)
        case_ids = [listing.case_id for listing in listings]
        context.update(
            listings=listings,
            may_post_research=(
                policy.has_permission(actor, "research.submit") and meeting.status != MeetingStatus.CLOSED
            ),
        )
        template = "meetings/agenda_minimal.html"
    record_case_list(actor, meeting, case_ids, "Viewed the agenda")
    return render(request, template, context)


def research(request: HttpRequest, pk: int) -> HttpResponse:
    """An invited agency posts what it found on one listed case."""
    actor = request.actor
    guard.require(actor, "research.submit", object_type="meetings.agendaitem", object_id=pk)
    item = guard.fetch(actor, selectors.agenda_items_with_identifiers(actor=actor), pk, case_of=case_of)
    meeting = item.meeting
    if declare_first := declaration_first(request, meeting):
        return declare_first
    listing = selectors.minimal_listing(item)
    own = listing.own_research
    form = ResearchForm(
        request.POST if request.method == "POST" else None,
        initial={"finding": own.finding, "details": own.details} if own else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.research_submit(
                actor=actor,
                agenda_item=item,
                finding=form.cleaned_data["finding"],
                details=form.cleaned_data["details"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Research for %(case)s saved.") % {"case": listing.reference})
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "meetings/research.html",
        {
            "listing": listing,
            "meeting": meeting,
            "form": form,
            "is_open": meeting.status != MeetingStatus.CLOSED,
        },
    )


def _render_run(request: HttpRequest, meeting: Meeting, attendance_form: AttendanceForm | None = None) -> HttpResponse:
    actor = request.actor
    agencies = selectors.invited_agencies(meeting)
    if attendance_form is None:
        attendance_form = AttendanceForm(
            agencies=agencies,
            recorded=selectors.attendance_by_agency(meeting=meeting),
            read_only=meeting.status == MeetingStatus.CLOSED,
        )
    items = selectors.agenda_for_running(actor=actor, meeting=meeting)
    declarations = selectors.declarations_at(meeting=meeting, agencies=agencies)
    running = live.running_order(meeting=meeting, items=items)
    attendance_rows = [
        (agency, status, name, sent, declarations.by_agency.get(agency.pk, []))
        for agency, status, name, sent in attendance_form.rows()
    ]
    record_case_list(actor, meeting, [item.case_id for item in items], "Viewed the running order")
    return render(
        request,
        "meetings/run.html",
        {
            "meeting": meeting,
            "items": items,
            "running": running,
            "attendance_form": attendance_form,
            "form": attendance_form,
            "attendance_rows": attendance_rows,
            "other_declarations": declarations.others,
        },
    )


def meeting_run(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request.actor, pk)
    if declare_first := declaration_first(request, meeting):
        return declare_first
    return _render_run(request, meeting)


@require_POST
def meeting_start(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting = _meeting_to_run(actor, pk)
    try:
        services.meeting_start(actor=actor, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("The meeting has started. Invited agencies now see what is shared at it."))
    return redirect("meetings:run", pk=meeting.pk)


@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting = _meeting_to_run(actor, pk)
    if declare_first := declaration_first(request, meeting, back_to=reverse("meetings:run", kwargs={"pk": pk})):
        return declare_first
    form, saved = attendance_saved(request, meeting)
    if saved:
        return redirect("meetings:run", pk=meeting.pk)
    return _render_run(request, meeting, attendance_form=form)


def _render_item(
    request: HttpRequest,
    item: AgendaItem,
    *,
    discussion_form: DiscussionForm | None = None,
    action_form: LiveActionForm | None = None,
    failed_review: tuple[int, ActionReviewForm] | None = None,
) -> HttpResponse:
    actor = request.actor
    meeting = item.meeting
    agencies = selectors.invited_agencies(meeting)
    previous_actions = list(incomplete_actions_for_review(actor=actor, meeting=meeting).filter(case=item.case))
    reviews = []
    for action in previous_actions:
        if failed_review is not None and failed_review[0] == action.pk:
            form = failed_review[1]
        else:
            existing = action.reviews_here[0] if action.reviews_here else None
            form = ActionReviewForm(
                prefix=f"review-{action.pk}",
                initial={"reason": existing.reason, "note": existing.note} if existing else None,
            )
        reviews.append((action, form))
    if discussion_form is None:
        discussion_form = DiscussionForm(initial={"risk_summary": item.risk_summary, "discussion": item.discussion})
    if action_form is None:
        action_form = _action_form(item, agencies=agencies)
    running_order = selectors.agenda_for_running(actor=actor, meeting=meeting)
    position = next(index for index, entry in enumerate(running_order) if entry.pk == item.pk)
    in_progress = meeting.status == MeetingStatus.IN_PROGRESS
    return render(
        request,
        "meetings/item.html",
        {
            "item": item,
            "meeting": meeting,
            "listing": selectors.minimal_listing(item),
            "risk": live.risk_picture(item),
            "clock": live.CaseClock.of(item, locality=meeting.locality, now=timezone.now()),
            "position": position + 1,
            "case_count": len(running_order),
            "has_draft": item.discussed_at is None and bool(item.risk_summary or item.discussion),
            "research_cells": selectors.research_cells(item, agencies),
            "reviews": reviews,
            "discussion_form": discussion_form,
            "action_form": action_form,
            "in_progress": in_progress,
            "may_add_actions": in_progress and policy.has_permission(actor, "action.create"),
            "previous_item": running_order[position - 1] if position > 0 else None,
            "next_item": running_order[position + 1] if position + 1 < len(running_order) else None,
        },
    )


def _action_form(item: AgendaItem, *, agencies: list[Agency], data: QueryDict | None = None) -> LiveActionForm:
    return LiveActionForm(
        data,
        agencies=agencies,
        catalogue=list(CatalogueAction.objects.filter(is_active=True)),
        due_date=default_due_date(item.meeting),
    )


def _leaving(request: HttpRequest, item: AgendaItem) -> AgendaItem | None:
    """The case the chair moved on from ("next case" links carry it), if it is on the same meeting."""
    try:
        pk = int(request.GET.get("from", ""))
    except ValueError:
        return None
    return policy.visible_agenda_items(request.actor).filter(meeting_id=item.meeting_id, pk=pk).first()


def _item_url(item: AgendaItem) -> str:
    return reverse("meetings:item", kwargs={"pk": item.pk})


def agenda_item(request: HttpRequest, pk: int) -> HttpResponse:
    """One case at the meeting: what agencies found, earlier actions, the discussion and new actions."""
    actor = request.actor
    item = _item_to_run(actor, pk)
    if declare_first := declaration_first(request, item.meeting):
        return declare_first
    if request.method != "POST":
        services.agenda_item_open(actor=actor, agenda_item=item, leaving=_leaving(request, item))
        return _render_item(request, item)
    form = DiscussionForm(request.POST)
    if form.is_valid():
        try:
            services.agenda_item_record_discussion(
                actor=actor,
                agenda_item=item,
                discussion=form.cleaned_data["discussion"],
                risk_summary=form.cleaned_data["risk_summary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Discussion of %(case)s saved.") % {"case": item.case.reference})
            return redirect(reverse("meetings:item", kwargs={"pk": item.pk}) + "#actions")
    return _render_item(request, item, discussion_form=form)


@require_POST
def agenda_item_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the discussion and risk summary as the chair types (htmx); answers with the draft's status line.

    The fetch is not recorded as a view: the answer shows nothing of the case, and each saved draft is recorded as
    an update by the service.
    """
    actor = request.actor
    guard.require(actor, "meeting.run", object_type="meetings.agendaitem", object_id=pk)
    item = guard.fetch(actor, policy.visible_agenda_items(actor), pk, case_of=case_of, audit=False)
    if declare_first := declaration_first(request, item.meeting, back_to=_item_url(item)):
        return declare_first
    form = DiscussionDraftForm(request.POST)
    context: dict = {"saved_at": None, "autosave_error": ""}
    if form.is_valid():
        try:
            services.agenda_item_save_draft(
                actor=actor,
                agenda_item=item,
                discussion=form.cleaned_data["discussion"],
                risk_summary=form.cleaned_data["risk_summary"],
            )
        except ValidationError as error:
            context["autosave_error"] = " ".join(error.messages)
        else:
            context["saved_at"] = timezone.localtime()
    else:
        context["autosave_error"] = " ".join(form.non_field_errors())
    return render(request, "meetings/_live_autosave_status.html", context)


@require_POST
def agenda_item_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    item = _item_to_run(actor, pk, permission="action.create")
    if declare_first := declaration_first(request, item.meeting, back_to=_item_url(item)):
        return declare_first
    form = _action_form(item, agencies=selectors.invited_agencies(item.meeting), data=request.POST)
    if form.is_valid():
        try:
            action = action_services.action_create(
                actor=actor,
                case=item.case,
                owner_agency=form.cleaned_data["owner_agency"],
                text=form.action_text(),
                due_date=form.cleaned_data["due_date"],
                agenda_item=item,
                catalogue_action=form.catalogue_entry(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            referred = action.matac_referrals.count()
            messages.success(
                request,
                gettext("Action for %(agency)s added.") % {"agency": action.owner_agency}
                + (
                    " "
                    + ngettext(
                        "The case's perpetrator is referred into MATAC for %(agency)s.",
                        "The case's perpetrators are referred into MATAC for %(agency)s.",
                        referred,
                    )
                    % {"agency": action.owner_agency}
                    if referred
                    else ""
                ),
            )
            return redirect(reverse("meetings:item", kwargs={"pk": item.pk}) + "#actions")
    return _render_item(request, item, action_form=form)


@require_POST
def agenda_item_action_review(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    actor = request.actor
    item = _item_to_run(actor, pk)
    if declare_first := declaration_first(request, item.meeting, back_to=_item_url(item)):
        return declare_first
    to_review = incomplete_actions_for_review(actor=actor, meeting=item.meeting).filter(case=item.case)
    action: Action = guard.fetch(actor, to_review, action_pk, case_of=lambda action: action.case, audit=False)
    form = ActionReviewForm(request.POST, prefix=f"review-{action.pk}")
    if form.is_valid():
        try:
            action_services.action_review(
                actor=actor,
                action=action,
                agenda_item=item,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Review of the earlier action saved."))
            return redirect(reverse("meetings:item", kwargs={"pk": item.pk}) + "#earlier-actions")
    return _render_item(request, item, failed_review=(action.pk, form))


def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting = _meeting_to_run(actor, pk)
    if declare_first := declaration_first(request, meeting):
        return declare_first
    items = selectors.agenda_for_running(actor=actor, meeting=meeting)
    form = MeetingCloseForm(
        request.POST if request.method == "POST" else None,
        items=items,
        defaults=selectors.default_outcomes(actor=actor, meeting=meeting),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_close(actor=actor, meeting=meeting, outcomes=form.outcomes())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, gettext("The meeting is closed. Outcomes are recorded and IDVAs have report-backs due.")
            )
            return redirect("meetings:detail", pk=meeting.pk)
    record_case_list(actor, meeting, [item.case_id for item in items], "Viewed the cases to close")
    unsaved_discussions = [
        item for item in items if item.discussed_at is None and (item.discussion or item.risk_summary)
    ]
    return render(
        request,
        "meetings/close.html",
        {"meeting": meeting, "form": form, "items": items, "unsaved_discussions": unsaved_discussions},
    )


def _safe_next(request: HttpRequest, meeting: Meeting, wanted: str) -> str:
    """Where to go after confirming: the page asked for, if it is on this site; else the meeting's agenda."""
    allowed = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if wanted and allowed:
        return wanted
    if wanted:
        audit_record(
            actor=request.actor,
            action=AuditAction.DENIED,
            target=meeting,
            summary="Refused a return address off this site after the declaration",
            detail={"next": wanted[:500]},
        )
    return reverse("meetings:detail", kwargs={"pk": meeting.pk})


def declare(request: HttpRequest, pk: int) -> HttpResponse:
    """The confidentiality declaration: read it, confirm it, and carry on to the page asked for."""
    actor = request.actor
    meeting = guard.fetch(actor, selectors.meeting_queryset(actor=actor), pk)
    data = request.POST if request.method == "POST" else request.GET
    next_url = _safe_next(request, meeting, data.get("next", ""))
    form = DeclarationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.declaration_confirm(actor=actor, meeting=meeting)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Thank you. You have confirmed the confidentiality declaration."))
            return redirect(next_url)
    return render(
        request,
        "meetings/declare.html",
        {
            "meeting": meeting,
            "form": form,
            "declaration_text": CURRENT_DECLARATION,
            "own_declaration": selectors.own_declaration(actor=actor, meeting=meeting),
            "next_url": next_url,
        },
    )
