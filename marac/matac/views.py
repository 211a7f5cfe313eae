"""MATAC pages for nominations: the overview, nominating, the selection list, the nominee's page, the decision and
the exit. Thin: guard, fetch, form, service, redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from marac.access import guard, matac_policy, policy
from marac.access.actor import Actor
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.matac import selectors
from marac.matac.forms import Decision, DecisionForm, ExitForm, NominationForm, PersonSearchForm
from marac.matac.models import Nomination, NominationStatus, ScoreOccasion
from marac.matac.services.nominations import (
    nomination_decline,
    nomination_exit,
    nomination_refer,
    nomination_select,
)
from marac.people.models import Person
from marac.referrals.views import add_service_errors

PAGE_SIZE = 50
# The overdue actions listed at the top of the overview; the rest are one click away.
OVERDUE_SHOWN = 10
PAST_MEETINGS_SHOWN = 5


def _nomination(actor: Actor, pk: int, permission: str = "matac.view", *, audit: bool = True) -> Nomination:
    guard.require(actor, permission, object_type="matac.nomination", object_id=pk)
    return guard.fetch(actor, selectors.nomination_queryset(actor=actor), pk, audit=audit)


def overview(request: HttpRequest) -> HttpResponse:
    """What MATAC holds for the actor: overdue actions first, then nominees, meetings and the outcomes so far."""
    actor = request.actor
    guard.require(actor, "matac.view", object_type="matac.nomination")
    sees_all = matac_policy.sees_all_of_locality(actor)
    overdue = selectors.overdue_actions(actor=actor)
    overdue_shown = list(overdue[:OVERDUE_SHOWN])
    upcoming_qs, past_qs = selectors.matac_meetings(actor=actor)
    upcoming, past = list(upcoming_qs), list(past_qs[:PAST_MEETINGS_SHOWN])
    nominees = list(selectors.nominees(actor=actor))
    context: dict = {
        "sees_all": sees_all,
        "overdue": overdue_shown,
        "overdue_count": overdue.count(),
        "upcoming": upcoming,
        "past": past,
        "nominees": [(nominee, selectors.scores_of(nominee)) for nominee in nominees],
        "awaiting_count": selectors.nomination_list(actor=actor, status=NominationStatus.NOMINATED).count(),
        "shows_scores": selectors.shows_scores(actor),
        "may_refer": policy.has_permission(actor, "matac.refer"),
        "may_plan": policy.has_permission(actor, "meeting.schedule"),
        "may_select": policy.has_permission(actor, "matac.select"),
    }
    if context["shows_scores"]:
        context["outcomes"] = selectors.outcome_summary(actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Viewed the MATAC overview",
        detail={
            "nominations": [nominee.pk for nominee in nominees],
            "overdue_actions": [action.pk for action in overdue_shown],
            "meetings": [meeting.pk for meeting in upcoming + past],
        },
    )
    return render(request, "matac/overview.html", context)


def nominate(request: HttpRequest) -> HttpResponse:
    """Nominate a perpetrator: find him by name, or come with `?person=<pk>` from his page or the ranking."""
    actor = request.actor
    guard.require(actor, "matac.refer", object_type="people.person")
    person_pk = request.GET.get("person")
    if person_pk is None:
        search = PersonSearchForm(request.GET or None)
        found = selectors.nominable_search(actor=actor, words=search.cleaned_data["name"]) if search.is_valid() else []
        if search.is_bound:
            audit_record(
                actor=actor,
                action=AuditAction.LIST,
                summary="Searched perpetrators to nominate for MATAC",
                detail={"ids": [person.pk for person in found]},
            )
        return render(request, "matac/nominate_search.html", {"search": search, "found": found})
    person: Person = guard.fetch(actor, selectors.nominable_people(actor), person_pk, audit=request.method == "GET")
    may_rank = policy.has_permission(actor, "matac.rank")
    form = NominationForm(request.POST if request.method == "POST" else None, may_rank=may_rank)
    if request.method == "POST" and form.is_valid():
        try:
            made = nomination_refer(
                actor=actor,
                person=person,
                source=form.chosen_source(),
                reason=form.cleaned_data["reason"],
                known=form.cleaned_data["known"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("Your referral is added to the open nomination of %(name)s.") % {"name": person.full_name}
                if made.added_to_open
                else gettext("%(name)s is nominated for MATAC.") % {"name": person.full_name},
            )
            return redirect("matac:nomination", pk=made.nomination.pk)
    return render(
        request,
        "matac/nominate.html",
        {
            "person": person,
            "form": form,
            "open_nomination": selectors.open_nomination_of(actor=actor, person=person),
            "may_rank": may_rank,
        },
    )


def selection(request: HttpRequest) -> HttpResponse:
    """Nominations awaiting a decision, ranked by their score, each with the ranking's explanation."""
    actor = request.actor
    guard.require(actor, "matac.select", object_type="matac.nomination")
    page = Paginator(selectors.selection_list(actor=actor), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(nomination, selectors.scores_of(nomination).get(ScoreOccasion.REFERRAL)) for nomination in page]
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Viewed the MATAC selection list with scores",
        detail={"ids": [nomination.pk for nomination in page]},
    )
    return render(request, "matac/selection.html", {"page": page, "rows": rows, "first_rank": page.start_index()})


def nomination_list(request: HttpRequest) -> HttpResponse:
    """The actor's nominations of one status: the referrals an agency made, or the whole locality's."""
    actor = request.actor
    guard.require(actor, "matac.view", object_type="matac.nomination")
    status = request.GET.get("status", NominationStatus.NOMINATED)
    if status not in NominationStatus.values:
        status = NominationStatus.NOMINATED
    page = Paginator(selectors.nomination_list(actor=actor, status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary=f"Listed MATAC nominations: {in_english(NominationStatus(status).label).lower()}",
        detail={"ids": [nomination.pk for nomination in page]},
    )
    return render(
        request,
        "matac/nominations.html",
        {"page": page, "status": status, "statuses": NominationStatus.choices},
    )


def _nominee_context(actor: Actor, nomination: Nomination) -> dict:
    scores = selectors.scores_of(nomination)
    sees_all = matac_policy.sees_all_of_locality(actor)
    return {
        "nomination": nomination,
        "person": nomination.person,
        "sees_all": sees_all,
        "shows_scores": selectors.shows_scores(actor),
        "referral_score": scores.get(ScoreOccasion.REFERRAL),
        "entry_score": scores.get(ScoreOccasion.ENTRY),
        "exit_score": scores.get(ScoreOccasion.EXIT),
        "outcome": selectors.nomination_outcome(nomination),
        # Partners read the profiles at the MATAC meetings they are invited to, once the meeting has started.
        "shows_profiles": sees_all or any(listing.meeting.is_held for listing in nomination.shown_listings),
        "may_select": policy.has_permission(actor, "matac.select"),
    }


def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The nominee's page: his referrals, scores and outcome, profiles, meetings and actions."""
    actor = request.actor
    nomination = _nomination(actor, pk)
    return render(request, "matac/nomination.html", _nominee_context(actor, nomination))


def nomination_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Select the nominee (with his subject and intelligence profiles) or decline the nomination (with the reason)."""
    actor = request.actor
    nomination = _nomination(actor, pk, "matac.select", audit=request.method == "GET")
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == Decision.SELECT:
                nomination_select(
                    actor=actor,
                    nomination=nomination,
                    subject_profile=data["subject_profile"],
                    intelligence_profile=data["intelligence_profile"],
                )
                messages.success(
                    request, gettext("%(name)s is selected for MATAC.") % {"name": nomination.person.full_name}
                )
            else:
                nomination_decline(actor=actor, nomination=nomination, reason=data["decline_reason"])
                messages.success(
                    request,
                    gettext("The nomination of %(name)s is declined.") % {"name": nomination.person.full_name},
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("matac:nomination", pk=nomination.pk)
    return render(
        request,
        "matac/decide.html",
        {
            **_nominee_context(actor, nomination),
            "form": form,
            "is_open": nomination.status == NominationStatus.NOMINATED,
        },
    )


def nomination_exit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Exit the nominee from MATAC: his score is taken again, and the change from entry is the outcome."""
    actor = request.actor
    nomination = _nomination(actor, pk, "matac.select", audit=request.method == "GET")
    form = ExitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            nomination_exit(
                actor=actor,
                nomination=nomination,
                reason=form.cleaned_data["exit_reason"],
                note=form.cleaned_data["exit_note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("%(name)s has exited MATAC. The outcome is below.") % {"name": nomination.person.full_name},
            )
            return redirect(reverse("matac:nomination", kwargs={"pk": nomination.pk}) + "#outcome")
    return render(
        request,
        "matac/exit.html",
        {
            **_nominee_context(actor, nomination),
            "form": form,
            "is_open": nomination.status == NominationStatus.SELECTED,
        },
    )
