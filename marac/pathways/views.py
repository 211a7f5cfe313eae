"""Pages for pathway referrals: both agencies' lists, sending one, answering it, feeding back, a later
assessment, and the MARAC referral made from it. Thin: guard, fetch, form, service, redirect."""

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import dateformat, timezone
from django.utils.translation import gettext

from marac.access import guard, policy
from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.pathways import escalation, selectors
from marac.pathways import policy as pathway_policy
from marac.pathways.forms import FeedbackForm, MaracReferralForm, PathwayReferralForm, RespondForm
from marac.pathways.models import PathwayReferral, PathwayReferralStatus
from marac.pathways.routing import proposals_for, routing_rows
from marac.pathways.selectors import Direction
from marac.pathways.services import (
    Decision,
    pathway_assessment_record,
    pathway_feedback_record,
    pathway_referral_respond,
    pathway_referral_send,
)
from marac.referrals.forms import (
    CHILDREN_PREFIX,
    PERPETRATORS_PREFIX,
    ChildFormSet,
    PerpetratorFormSet,
    new_submission_token,
)
from marac.referrals.models import Case
from marac.referrals.views import add_service_errors
from marac.risk import assessment_selectors
from marac.risk.assessment_forms import AssessmentForm, InstrumentChoiceForm
from marac.risk.registry import current_version, instrument_of
from marac.risk.scales import SCALES

PAGE_SIZE = 50
OBJECT_TYPE = "pathways.pathwayreferral"


def _case_of(referral: PathwayReferral) -> Case:
    return referral.case


def _day(moment: dt.datetime) -> str:
    return dateformat.format(timezone.localtime(moment), "j F Y, H:i")


def referral_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "pathway.view", object_type=OBJECT_TYPE)
    directions = selectors.directions_for(actor)
    asked = request.GET.get("direction", "")
    direction = Direction(asked) if asked in directions else selectors.default_direction(actor)
    include_finished = request.GET.get("show") == "all"
    queryset = selectors.referral_list(actor=actor, direction=direction, include_finished=include_finished)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.list_rows(actor=actor, referrals=list(page.object_list))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary=f"Listed {direction} pathway referrals" + (" with finished ones" if include_finished else ""),
        detail={"ids": [row.referral.pk for row in rows], "direction": str(direction)},
    )
    return render(
        request,
        "pathways/list.html",
        {
            "page": page,
            "rows": rows,
            "direction": direction,
            "directions": directions,
            "include_finished": include_finished,
            "may_send": policy.has_permission(actor, "pathway.refer"),
            "now": timezone.now(),
        },
    )


def referral_new(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "pathway.refer", object_type=OBJECT_TYPE)
    locality = actor.locality
    pathways = pathway_policy.pathways_to_send_along(actor)
    version = current_version(locality=locality, code=locality.referral_instrument_code)
    instrument = instrument_of(version)
    scale = SCALES[locality.risk_scale]
    options = {"locality": locality, "version": version, "instrument": instrument, "scale": scale, "pathways": pathways}
    if request.method == "POST":
        form = PathwayReferralForm(request.POST, **options)
        perpetrators = PerpetratorFormSet(request.POST, prefix=PERPETRATORS_PREFIX)
        children = ChildFormSet(request.POST, prefix=CHILDREN_PREFIX)
        if all([form.is_valid(), perpetrators.is_valid(), children.is_valid()]):
            try:
                outcome = pathway_referral_send(actor=actor, data=form.pathway_input(perpetrators, children))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                referral = outcome.referral
                if not outcome.created:
                    messages.info(request, gettext("This referral was already sent."))
                elif outcome.proposal is not None and outcome.proposal.proposed:
                    messages.warning(
                        request,
                        gettext(
                            "Referral sent to %(agency)s. Her case meets a MARAC criterion: the routing proposes a "
                            "MARAC referral, which you can make from this page."
                        )
                        % {"agency": referral.to_agency},
                    )
                else:
                    messages.success(
                        request,
                        gettext("Referral sent to %(agency)s. They answer by %(due)s.")
                        % {"agency": referral.to_agency, "due": _day(referral.response_due_at)},
                    )
                return redirect("pathways:detail", pk=referral.pk)
    else:
        form = PathwayReferralForm(initial={"submission_token": new_submission_token()}, **options)
        perpetrators = PerpetratorFormSet(prefix=PERPETRATORS_PREFIX)
        children = ChildFormSet(prefix=CHILDREN_PREFIX)
    pathway_list = list(pathways)
    return render(
        request,
        "pathways/new.html",
        {
            "form": form,
            "perpetrators": perpetrators,
            "children": children,
            "locality": locality,
            "instrument": instrument,
            "version": version,
            "pathways": pathway_list,
            "routing": routing_rows(locality=locality, pathways=pathway_list),
            "formsets": [(perpetrators, gettext("Perpetrator")), (children, gettext("Child"))],
            "has_errors": bool(form.errors or perpetrators.total_error_count() or children.total_error_count()),
        },
    )


def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "pathway.view", object_type=OBJECT_TYPE, object_id=pk)
    referral = guard.fetch(actor, selectors.visible_referrals(actor=actor), pk, case_of=_case_of)
    return render(request, "pathways/detail.html", {"page": selectors.referral_page(actor=actor, referral=referral)})


def _received(request: HttpRequest, pk: int, permission: str) -> PathwayReferral:
    """A referral the actor's agency received, fetched for one of its answers (the view is audited on GET)."""
    actor = request.actor
    guard.require(actor, permission, object_type=OBJECT_TYPE, object_id=pk)
    return guard.fetch(
        actor,
        selectors.visible_referrals(actor=actor).filter(to_agency=actor.agency),
        pk,
        case_of=_case_of,
        audit=request.method != "POST",
    )


def referral_respond(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    referral = _received(request, pk, "pathway.respond")
    form = RespondForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pathway_referral_respond(
                actor=actor,
                referral=referral,
                decision=form.cleaned_data["decision"],
                decline_reason=form.cleaned_data["decline_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.cleaned_data["decision"] == Decision.ACCEPT:
                referral.refresh_from_db(fields=["feedback_due_at"])
                messages.success(
                    request,
                    gettext("Accepted. Feed back to %(agency)s by %(due)s.")
                    % {"agency": referral.from_agency, "due": _day(referral.feedback_due_at)},
                )
            else:
                messages.success(
                    request,
                    gettext("Declined. %(agency)s can read your reason.") % {"agency": referral.from_agency},
                )
            return redirect("pathways:detail", pk=referral.pk)
    return render(
        request,
        "pathways/respond.html",
        {"referral": referral, "form": form, "awaiting": referral.status == PathwayReferralStatus.AWAITING},
    )


def referral_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    referral = _received(request, pk, "pathway.respond")
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pathway_feedback_record(
                actor=actor, referral=referral, text=form.cleaned_data["feedback"], final=form.cleaned_data["final"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("Feedback recorded. The referral is closed.")
                if form.cleaned_data["final"]
                else gettext("Feedback recorded. %(agency)s can read it.") % {"agency": referral.from_agency},
            )
            return redirect("pathways:detail", pk=referral.pk)
    return render(
        request,
        "pathways/feedback.html",
        {"referral": referral, "form": form, "accepted": referral.status == PathwayReferralStatus.ACCEPTED},
    )


def _acted_on(
    request: HttpRequest, pk: int, permission: str, may: Callable[[Actor, PathwayReferral], bool]
) -> PathwayReferral:
    """A referral the actor may see and act on as one of its agencies (or as the coordinator)."""
    actor = request.actor
    guard.require(actor, permission, object_type=OBJECT_TYPE, object_id=pk)
    referral = guard.fetch(
        actor, selectors.visible_referrals(actor=actor), pk, case_of=_case_of, audit=request.method != "POST"
    )
    if not may(actor, referral):
        raise guard.deny(actor, object_type=OBJECT_TYPE, object_id=pk, reason="Not an agency of the pathway referral")
    return referral


def referral_assess(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    referral = _acted_on(request, pk, "pathway.assess", pathway_policy.may_assess)
    locality = actor.locality
    versions = assessment_selectors.instrument_choices(locality=locality)
    version = assessment_selectors.chosen_version(
        locality=locality, choices=versions, code=request.GET.get("instrument", "")
    )
    instrument = instrument_of(version)
    scale = SCALES[locality.risk_scale]
    form = AssessmentForm(request.POST or None, version=version, instrument=instrument, scale=scale)
    if request.method == "POST" and referral.is_open and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = pathway_assessment_record(
                actor=actor,
                referral=referral,
                version=version,
                safety=form.safety_answers(),
                answers=form.item_answers(),
                judgement_level=data["judgement_level"],
                judgement_reason=data["judgement_reason"],
                victim_view_level=data["victim_view_level"],
                victim_view_reason=data["victim_view_reason"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            annotated = selectors.visible_referrals(actor=actor).get(pk=referral.pk)
            proposal = proposals_for([annotated], locality=locality)[referral.pk]
            level = scale.label(assessment.final_level)
            if proposal.proposed:
                messages.warning(
                    request,
                    gettext("Assessment recorded: %(level)s risk. The routing proposes a MARAC referral for her.")
                    % {"level": level},
                )
            else:
                messages.success(request, gettext("Assessment recorded: %(level)s risk.") % {"level": level})
            return redirect("pathways:detail", pk=referral.pk)
    return render(
        request,
        "pathways/assess.html",
        {
            "referral": referral,
            "form": form,
            "version": version,
            "instrument": instrument,
            "choice_form": InstrumentChoiceForm(initial={"instrument": version.code}, versions=versions),
            "has_choice": len(versions) > 1,
        },
    )


def referral_assessment(request: HttpRequest, pk: int, assessment_pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "pathway.view", object_type=OBJECT_TYPE, object_id=pk)
    referral = guard.fetch(actor, selectors.visible_referrals(actor=actor), pk, audit=False)
    readable = selectors.pathway_assessments(referral).filter(
        agency_id__in=(referral.from_agency_id, referral.to_agency_id)
    )
    assessment = guard.fetch(actor, readable, assessment_pk, case_of=lambda found: found.case)
    return render(
        request,
        "pathways/assessment.html",
        {
            "referral": referral,
            "assessment": assessment,
            "display": assessment_selectors.assessment_display(assessment),
        },
    )


def referral_refer_to_marac(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    referral = _acted_on(request, pk, "referral.create", pathway_policy.may_refer_to_marac)
    if referral.marac_referral_id is not None:
        messages.info(request, gettext("A MARAC referral has already been made from this referral."))
        return redirect("pathways:detail", pk=referral.pk)
    form = MaracReferralForm(request.POST or None, initial=MaracReferralForm.initial_from(referral))
    if request.method == "POST" and form.is_valid():
        try:
            marac_referral = escalation.pathway_referral_refer_to_marac(
                actor=actor, referral=referral, data=form.referral_input()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("Referred to MARAC: case %(reference)s. The referral waits for the coordinator's triage.")
                % {"reference": marac_referral.case.reference},
            )
            if policy.visible_referrals(actor).filter(pk=marac_referral.pk).exists():
                return redirect("referrals:detail", pk=marac_referral.pk)
            return redirect("pathways:detail", pk=referral.pk)
    proposal = proposals_for([referral], locality=actor.locality)[referral.pk]
    criteria = escalation.criteria_for(proposal=proposal)
    return render(
        request,
        "pathways/refer_to_marac.html",
        {
            "referral": referral,
            "form": form,
            "proposal": proposal,
            "criteria": criteria,
            "account": escalation.marac_account(referral=referral, proposal=proposal, criteria=criteria),
        },
    )
