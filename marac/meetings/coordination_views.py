"""Co-ordination pages: the invited agencies' case list and case pages, and the coordinator's overview and review.

Thin views: the guard decides what the actor may see, `coordination` does the writing. A live or emergency meeting
has no co-ordination pages (404).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from marac.access import guard, policy
from marac.access.actor import Actor
from marac.actions.forms import ActionCreateForm
from marac.actions.models import CatalogueAction
from marac.meetings import coordination, selectors
from marac.meetings.coordination_forms import EscalationForm, RiskSummaryForm
from marac.meetings.forms import ResearchForm, add_service_errors
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus
from marac.meetings.view_helpers import case_of, declaration_first, default_due_date, record_case_list


def _case_url(item: AgendaItem) -> str:
    return reverse("meetings:coordination_case", kwargs={"pk": item.pk})


def _review_url(item: AgendaItem) -> str:
    return reverse("meetings:coordination_review", kwargs={"pk": item.pk})


# The co-ordination as a whole.


def coordination_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator's and chair's overview of every case, or an invited agency's list of cases to post on."""
    actor = request.actor
    guard.require(actor, "meeting.list", object_type="meetings.meeting", object_id=pk)
    meeting = guard.fetch(actor, coordination.coordination_meetings(actor=actor), pk)
    if declare_first := declaration_first(request, meeting):
        return declare_first
    if policy.has_permission(actor, "meeting.run"):
        agencies = selectors.invited_agencies(meeting)
        reviews = coordination.coordination_overview(actor=actor, meeting=meeting, agencies=agencies)
        record_case_list(actor, meeting, [review.item.case_id for review in reviews], "Viewed the co-ordination")
        return render(
            request,
            "meetings/coordination_overview.html",
            {
                "meeting": meeting,
                "agencies": agencies,
                "reviews": reviews,
                "deadline_passed": timezone.now() >= coordination.deadline_of(meeting),
            },
        )
    guard.require(actor, "research.submit", object_type="meetings.meeting", object_id=pk)
    listings = selectors.agenda_minimal(actor=actor, meeting=meeting)
    action_counts = coordination.own_action_counts(actor=actor, meeting=meeting)
    record_case_list(actor, meeting, [listing.case_id for listing in listings], "Viewed the co-ordination case list")
    return render(
        request,
        "meetings/coordination_agency.html",
        {
            "meeting": meeting,
            "rows": [(listing, action_counts.get(listing.item_id, 0)) for listing in listings],
            "refusal": coordination.refusal_to_post(actor, meeting),
        },
    )


@require_POST
def coordination_open(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "meeting.run", object_type="meetings.meeting", object_id=pk)
    meeting = guard.fetch(actor, coordination.coordination_meetings(actor=actor), pk)
    try:
        coordination.coordination_open(actor=actor, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            gettext(
                "The co-ordination is open. Invited agencies now read what is shared and post their updates and "
                "actions until %(deadline)s."
            )
            % {"deadline": coordination.deadline_text(meeting)},
        )
    return redirect("meetings:coordination", pk=meeting.pk)


# One case, as an invited agency sees it.


def _agency_item(actor: Actor, pk: int, permission: str) -> AgendaItem:
    guard.require(actor, permission, object_type="meetings.agendaitem", object_id=pk)
    return guard.fetch(actor, coordination.agency_coordination_items(actor=actor), pk, case_of=case_of)


def _own_action_form(actor: Actor, meeting: Meeting, data=None) -> ActionCreateForm:
    """The action form with the actor's own agency as the only owner on offer."""
    return ActionCreateForm(
        data,
        agencies=[actor.agency],
        catalogue=list(CatalogueAction.objects.filter(is_active=True, agency_type=actor.agency.agency_type)),
        due_date=default_due_date(meeting),
        initial={"owner_agency": actor.agency.pk},
    )


def _render_agency_case(
    request: HttpRequest,
    item: AgendaItem,
    *,
    update_form: ResearchForm | None = None,
    action_form: ActionCreateForm | None = None,
) -> HttpResponse:
    actor = request.actor
    meeting = item.meeting
    detail = guard.fetch_case(actor, item.case_id, audit=False).detail
    page = coordination.agency_case(actor=actor, item=item, detail=detail)
    own = page.listing.own_research
    if update_form is None:
        update_form = ResearchForm(initial={"finding": own.finding, "details": own.details} if own else None)
    return render(
        request,
        "meetings/coordination_case.html",
        {
            "meeting": meeting,
            "page": page,
            "listing": page.listing,
            "update_form": update_form,
            "action_form": action_form or _own_action_form(actor, meeting),
            "refusal": coordination.refusal_to_post(actor, meeting),
            "may_add_actions": policy.has_permission(actor, "action.create_own"),
        },
    )


def coordination_case(request: HttpRequest, pk: int) -> HttpResponse:
    """One case for an invited agency: what has been shared so far, and its own update and actions."""
    actor = request.actor
    item = _agency_item(actor, pk, "research.submit")
    if declare_first := declaration_first(request, item.meeting):
        return declare_first
    if request.method != "POST":
        return _render_agency_case(request, item)
    form = ResearchForm(request.POST)
    if form.is_valid():
        try:
            coordination.coordination_update_post(
                actor=actor,
                agenda_item=item,
                finding=form.cleaned_data["finding"],
                details=form.cleaned_data["details"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Your update on case %(case)s is saved.") % {"case": item.case.reference})
            return redirect(_case_url(item) + "#actions")
    return _render_agency_case(request, item, update_form=form)


@require_POST
def coordination_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    item = _agency_item(actor, pk, "action.create_own")
    if declare_first := declaration_first(request, item.meeting, back_to=_case_url(item)):
        return declare_first
    form = _own_action_form(actor, item.meeting, request.POST)
    if form.is_valid():
        try:
            action = coordination.coordination_action_add(
                actor=actor,
                agenda_item=item,
                owner_agency=form.cleaned_data["owner_agency"],
                text=form.action_text(),
                due_date=form.cleaned_data["due_date"],
                catalogue_action=form.catalogue_entry(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("Action for %(agency)s added to case %(case)s.")
                % {"agency": action.owner_agency, "case": item.case.reference},
            )
            return redirect(_case_url(item) + "#actions")
    return _render_agency_case(request, item, action_form=form)


# One case, as the coordinator reviews it.


def _item_to_review(actor: Actor, pk: int, permission: str = "meeting.run") -> AgendaItem:
    guard.require(actor, permission, object_type="meetings.agendaitem", object_id=pk)
    return guard.fetch(actor, coordination.coordination_items(actor=actor), pk, case_of=case_of)


def _render_review(
    request: HttpRequest,
    item: AgendaItem,
    *,
    summary_form: RiskSummaryForm | None = None,
    escalation_form: EscalationForm | None = None,
) -> HttpResponse:
    actor = request.actor
    meeting = item.meeting
    agencies = selectors.invited_agencies(meeting)
    next_live = coordination.next_live_meeting(locality_id=meeting.locality_id)
    is_open = meeting.status == MeetingStatus.IN_PROGRESS
    return render(
        request,
        "meetings/coordination_review.html",
        {
            "meeting": meeting,
            "review": coordination.case_review(actor=actor, item=item, agencies=agencies),
            "summary_form": summary_form or RiskSummaryForm(initial={"risk_summary": item.risk_summary}),
            "escalation_form": escalation_form or EscalationForm(next_live=next_live),
            "is_open": is_open,
            "deadline_passed": timezone.now() >= coordination.deadline_of(meeting),
            "may_escalate": is_open and policy.has_permission(actor, "coordination.escalate"),
        },
    )


def coordination_review(request: HttpRequest, pk: int) -> HttpResponse:
    """One case for the coordinator: every agency's update and actions, the risk summary, and escalation."""
    actor = request.actor
    item = _item_to_review(actor, pk)
    if declare_first := declaration_first(request, item.meeting):
        return declare_first
    if request.method != "POST":
        return _render_review(request, item)
    form = RiskSummaryForm(request.POST)
    if form.is_valid():
        try:
            coordination.coordination_risk_summary_record(
                actor=actor, agenda_item=item, risk_summary=form.cleaned_data["risk_summary"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, gettext("The summary of the risk on case %(case)s is saved.") % {"case": item.case.reference}
            )
            return redirect(_review_url(item))
    return _render_review(request, item, summary_form=form)


@require_POST
def coordination_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    item = _item_to_review(actor, pk, permission="coordination.escalate")
    if declare_first := declaration_first(request, item.meeting, back_to=_review_url(item)):
        return declare_first
    form = EscalationForm(request.POST, next_live=coordination.next_live_meeting(locality_id=item.meeting.locality_id))
    if form.is_valid():
        try:
            listed = coordination.coordination_escalate(
                actor=actor,
                agenda_item=item,
                target=form.cleaned_data["target"],
                emergency_at=form.cleaned_data["emergency_at"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("Case %(case)s is now listed on %(meeting)s.")
                % {"case": item.case.reference, "meeting": listed.meeting},
            )
            return redirect(_review_url(item))
    return _render_review(request, item, escalation_form=form)
