"""Pages for referral-back duties. Thin: guard, fetch, form, service, redirect.

`after_event` is for the pages where agencies record events (incidents, breaches, assessments): once the event is
recorded, it shows the agency the duty the event raised, if the protocol asks for one.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from marac.access import guard, policy
from marac.access.actor import Actor
from marac.access.rules import Detail
from marac.agencies.models import AgencyType
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.duties import selectors, services
from marac.duties.forms import DeclineForm, ProtocolForm, ReferBackForm, ReportedEventForm
from marac.duties.models import Duty, DutyStatus, EventKind
from marac.meetings.forms import add_service_errors
from marac.referrals.models import CaseStatus

PAGE_SIZE = 50


def after_event(request: HttpRequest, default: HttpResponse) -> HttpResponse:
    """Where to go once an agency has recorded an event: to the open duty it raised, with a message saying what the
    protocol asks; or, where the repeat rule already referred the case back, a message saying the duty is met."""
    actor = request.actor
    raised = selectors.duties_raised_in_request(actor=actor)
    mechanism = actor.locality.mechanism_name if actor.locality else ""
    for duty in raised:
        if duty.status == DutyStatus.MET_AUTOMATICALLY:
            messages.info(
                request,
                gettext(
                    "The %(mechanism)s protocol asks your agency to refer case %(reference)s back after this event. "
                    "The repeat rule has already referred it back on your agency's behalf: the duty is met."
                )
                % {"mechanism": mechanism, "reference": duty.case.reference},
            )
    open_duty = next((duty for duty in raised if duty.status == DutyStatus.OPEN), None)
    if open_duty is None:
        return default
    messages.warning(
        request,
        gettext(
            "The %(mechanism)s protocol asks your agency to refer case %(reference)s back after this event. "
            "Refer it back now, or say why not."
        )
        % {"mechanism": mechanism, "reference": open_duty.case.reference},
    )
    return redirect("duties:detail", pk=open_duty.pk)


# The protocol's duties


def protocol(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "duty.protocol_view", object_type="duties.protocolduty")
    locality = actor.locality
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Read the protocol's referral-back duties",
        detail={"locality": locality.pk},
    )
    return render(
        request,
        "duties/protocol.html",
        {
            "locality": locality,
            "rows": selectors.protocol_grid(locality=locality),
            "events": EventKind.choices,
            "hours": selectors.answer_time(locality=locality),
            "may_configure": policy.has_permission(actor, "duty.configure"),
        },
    )


def protocol_edit(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "duty.configure", object_type="duties.protocolduty")
    locality = actor.locality
    form = ProtocolForm(
        request.POST or None,
        duties=selectors.protocol_duties(locality=locality),
        hours=selectors.answer_time(locality=locality),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.protocol_duties_set(
                actor=actor, duties=form.duties(), answer_within_hours=form.cleaned_data["answer_within_hours"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The protocol's referral-back duties are saved."))
            return redirect("duties:protocol")
    return render(
        request,
        "duties/protocol_edit.html",
        {
            "form": form,
            "locality": locality,
            "type_fields": [form[ProtocolForm.field_name(agency_type)] for agency_type in AgencyType.values],
        },
    )


# Lists


def _audit_list(actor: Actor, summary: str, duties) -> None:
    audit_record(actor=actor, action=AuditAction.LIST, summary=summary, detail={"ids": [duty.pk for duty in duties]})


def our_duties(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "duty.respond", object_type="duties.duty")
    answered = request.GET.get("show") == "answered"
    page = Paginator(selectors.our_duties(actor=actor, answered=answered), PAGE_SIZE).get_page(request.GET.get("page"))
    which = "answered" if answered else "open"
    _audit_list(actor, f"Listed the agency's {which} referral-back duties", page.object_list)
    return render(
        request,
        "duties/ours.html",
        {"page": page, "duties": page.object_list, "answered": answered, "now": timezone.now()},
    )


def monitor(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "duty.monitor", object_type="duties.duty")
    view = request.GET.get("show", "unmet")
    if view not in selectors.MONITOR_VIEWS:
        view = "unmet"
    now = timezone.now()
    page = Paginator(selectors.monitored_duties(actor=actor, view=view, now=now), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    _audit_list(actor, f"Listed the locality's referral-back duties ({view})", page.object_list)
    return render(
        request,
        "duties/monitor.html",
        {
            "page": page,
            "duties": page.object_list,
            "view": view,
            "counts": selectors.monitor_counts(actor=actor, now=now),
            "now": now,
        },
    )


# One duty


def _fetch_duty(request: HttpRequest, pk: int, *, audit: bool = True) -> Duty:
    actor = request.actor
    if not (policy.has_permission(actor, "duty.respond") or policy.has_permission(actor, "duty.monitor")):
        raise guard.deny(actor, object_type="duties.duty", object_id=pk, reason="Lacks duty.respond and duty.monitor")
    return guard.fetch(
        actor, selectors.duty_with_event(selectors.visible_duties(actor)), pk, case_of=lambda d: d.case, audit=audit
    )


def _fetch_own_open_duty(request: HttpRequest, pk: int) -> Duty:
    """A duty the actor's agency owes: the only ones it may answer (404 for any other)."""
    actor = request.actor
    guard.require(actor, "duty.respond", object_type="duties.duty", object_id=pk)
    own = selectors.duty_with_event(selectors.visible_duties(actor).filter(agency=actor.agency))
    return guard.fetch(actor, own, pk, case_of=lambda d: d.case, audit=request.method == "GET")


def _duty_context(request: HttpRequest, duty: Duty) -> dict:
    actor = request.actor
    now = timezone.now()
    own = actor.agency is not None and duty.agency_id == actor.agency.pk
    return {
        "duty": duty,
        "own": own,
        "case": duty.case,
        "locality": actor.locality,
        "now": now,
        "unmet": duty.is_unmet(now),
        "event_summary": selectors.event_summary(duty),
        "may_answer": own and duty.is_open and policy.has_permission(actor, "duty.respond"),
        "shows_case_link": policy.has_permission(actor, "case.list"),
        "may_transfer": duty.event_kind == EventKind.VICTIM_MOVED
        and policy.has_permission(actor, "transfer.send")
        and duty.case.status != CaseStatus.TRANSFERRED,
    }


def duty_detail(request: HttpRequest, pk: int) -> HttpResponse:
    duty = _fetch_duty(request, pk)
    return render(request, "duties/detail.html", _duty_context(request, duty))


def duty_refer(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    duty = _fetch_own_open_duty(request, pk)
    form = ReferBackForm(request.POST or None)
    if duty.is_open and request.method == "POST" and form.is_valid():
        try:
            referral = services.duty_refer_back(actor=actor, duty=duty, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("Case %(reference)s is referred back. The referral waits for the coordinator's triage.")
                % {"reference": referral.case.reference},
            )
            return redirect("duties:detail", pk=duty.pk)
    return render(request, "duties/refer.html", {**_duty_context(request, duty), "form": form})


def duty_decline(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    duty = _fetch_own_open_duty(request, pk)
    form = DeclineForm(request.POST or None)
    if duty.is_open and request.method == "POST" and form.is_valid():
        try:
            services.duty_decline(actor=actor, duty=duty, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("Your agency's reason for not referring case %(reference)s back is recorded.")
                % {"reference": duty.case.reference},
            )
            return redirect("duties:ours")
    return render(request, "duties/decline.html", {**_duty_context(request, duty), "form": form})


# Disclosures and moves


def event_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "duty.record_event", object_type="referrals.case", object_id=case_pk)
    access = guard.fetch_case(actor, case_pk, minimum=Detail.SHARED, audit=request.method == "GET")
    case = access.case
    form = ReportedEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event, _duty = services.reported_event_record(
                actor=actor, case=case, kind=data["kind"], occurred_at=data["occurred_at"], note=data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("Recorded on case %(reference)s: %(event)s.")
                % {"reference": case.reference, "event": event.get_kind_display().lower()},
            )
            return after_event(request, redirect(reverse("referrals:case_detail", args=[case.pk])))
    return render(request, "duties/event_new.html", {"form": form, "case": case})
