"""Pages for perpetrators, orders, breaches and programmes. Thin: guard, fetch, form, service, redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from marac.access import guard, perpetrator_policy, policy
from marac.access.actor import Actor
from marac.access.rules import Detail
from marac.agencies.models import Agency
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.duties.views import after_event
from marac.perpetrators import selectors
from marac.perpetrators.breach_services import BreachOutcome, breach_record, breach_respond
from marac.perpetrators.config import perpetrator_settings
from marac.perpetrators.forms import (
    AttendanceForm,
    BreachForm,
    BreachReportForm,
    OrderForm,
    ProgrammeForm,
    ResponseForm,
)
from marac.perpetrators.models import Breach, Order, ProgrammeReferral
from marac.perpetrators.order_services import case_closed_to_records, order_record
from marac.perpetrators.programme_services import programme_refer, programme_update
from marac.referrals.models import Case, CaseParty, PartyRole
from marac.referrals.views import add_service_errors
from marac.rights import selectors as rights_selectors

PAGE_SIZE = 50


def _require_any(actor: Actor, *permissions: str, object_type: str, object_id: object = "") -> None:
    """Refuse (404, audited) unless the actor's role holds one of the permissions."""
    if not any(policy.has_permission(actor, permission) for permission in permissions):
        raise guard.deny(
            actor, object_type=object_type, object_id=object_id, reason=f"Lacks any of {', '.join(permissions)}"
        )


# The perpetrator page


def perpetrator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "perpetrator.view", object_type="people.person", object_id=pk)
    person = guard.fetch(actor, perpetrator_policy.visible_perpetrators(actor), pk, audit=False)
    page = selectors.perpetrator_page(actor=actor, person=person)
    custody = rights_selectors.custody_history(actor=actor, person=person)
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target=person,
        summary="Viewed a perpetrator's page",
        detail={**page.ids, "custody_events": custody.ids},
    )
    return render(
        request,
        "perpetrators/detail.html",
        {
            "page": page,
            "person": person,
            "may_rank": policy.has_permission(actor, "matac.rank"),
            "may_refer_to_matac": policy.has_permission(actor, "matac.refer"),
            "may_record_breach": policy.has_permission(actor, "breach.record"),
            "custody": custody,
        },
    )


# Orders


def order_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "breach.record", object_type="perpetrators.order")
    page = Paginator(selectors.order_list(actor=actor), PAGE_SIZE).get_page(request.GET.get("page"))
    orders = selectors.mark_orders(list(page.object_list), actor=actor)
    audit_record(
        actor=actor, action=AuditAction.LIST, summary="Listed orders in force", detail={"ids": [o.pk for o in orders]}
    )
    return render(request, "perpetrators/order_list.html", {"page": page, "orders": orders})


def _case_choices(case: Case) -> tuple[list, list]:
    parties = list(CaseParty.objects.filter(case=case).select_related("person").order_by("pk"))
    perpetrators = [party.person for party in parties if party.role == PartyRole.PERPETRATOR]
    others = [party.person for party in parties if party.role != PartyRole.PERPETRATOR]
    return perpetrators, others


def _agencies(actor: Actor) -> list[Agency]:
    return list(Agency.objects.filter(locality=actor.locality, is_active=True).order_by("name"))


def order_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "order.record", object_type="referrals.case", object_id=case_pk)
    access = guard.fetch_case(actor, case_pk, minimum=Detail.SHARED, audit=request.method == "GET")
    case = access.case
    perpetrators, others = _case_choices(case)
    form = OrderForm(
        request.POST or None,
        perpetrators=perpetrators,
        others=others,
        agencies=_agencies(actor),
        initial={
            "owner_agency": actor.agency.pk,
            "perpetrator": perpetrators[0].pk if len(perpetrators) == 1 else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            order = order_record(actor=actor, case=case, data=form.order_input())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, gettext("%(order_type)s recorded.") % {"order_type": order.get_order_type_display()}
            )
            return redirect("perpetrators:order_detail", pk=order.pk)
    return render(
        request,
        "perpetrators/order_new.html",
        {"form": form, "case": case, "closed": case_closed_to_records(case), "has_perpetrators": bool(perpetrators)},
    )


def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    _require_any(actor, "perpetrator.view", "breach.record", object_type="perpetrators.order", object_id=pk)
    order: Order = guard.fetch(actor, selectors.visible_order_with_details(actor), pk, case_of=lambda o: o.case)
    page = selectors.order_page(actor=actor, order=order)
    return render(
        request,
        "perpetrators/order_detail.html",
        {
            "page": page,
            "order": order,
            "may_record_breach": policy.has_permission(actor, "breach.record")
            and not case_closed_to_records(order.case),
            "may_see_perpetrator": policy.has_permission(actor, "perpetrator.view"),
        },
    )


# Breaches


def _recorded_message(outcome: BreachOutcome) -> str:
    parts = [gettext("Breach recorded.")]
    if outcome.incident is not None:
        parts.append(gettext("It is also recorded as an incident between the victim and the perpetrator."))
    if outcome.repeat_referral_id is not None:
        parts.append(gettext("It is a repeat: a repeat referral to the MARAC was made on your agency's behalf."))
    if outcome.review_trigger is not None:
        parts.append(gettext("The case's risk review has been brought forward."))
    return " ".join([*parts, *outcome.notes])


def breach_new(request: HttpRequest, order_pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "breach.record", object_type="perpetrators.order", object_id=order_pk)
    order: Order = guard.fetch(
        actor,
        selectors.visible_order_with_details(actor),
        order_pk,
        case_of=lambda o: o.case,
        audit=request.method == "GET",
    )
    form = BreachForm(request.POST or None, conditions=list(order.conditions.all()))
    if request.method == "POST" and form.is_valid():
        try:
            outcome = breach_record(actor=actor, order=order, data=form.breach_input())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _recorded_message(outcome))
            return after_event(request, redirect("perpetrators:order_detail", pk=order.pk))
    return render(
        request,
        "perpetrators/breach_new.html",
        {"form": form, "order": order, "closed": case_closed_to_records(order.case)},
    )


def breach_respond_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "breach.respond", object_type="perpetrators.breach", object_id=pk)
    breach: Breach = guard.fetch(
        actor,
        selectors.visible_breach_with_details(actor),
        pk,
        case_of=lambda b: b.order.case,
        audit=request.method == "GET",
    )
    if not perpetrator_policy.may_respond(actor, breach):
        raise guard.deny(
            actor,
            object_type="perpetrators.breach",
            object_id=pk,
            reason="Not the police, the order's owner or the coordinator",
        )
    responded = hasattr(breach, "response")
    form = ResponseForm(request.POST or None)
    if request.method == "POST" and not responded and form.is_valid():
        try:
            breach_respond(actor=actor, breach=breach, data=form.response_input())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Response recorded."))
            return redirect("perpetrators:order_detail", pk=breach.order_id)
    settings = perpetrator_settings(actor.locality)
    selectors.mark_breaches([breach], settings=settings, actor=actor)
    return render(
        request,
        "perpetrators/breach_respond.html",
        {"form": form, "breach": breach, "responded": responded, "settings": settings},
    )


def breach_report(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "breach.report", object_type="perpetrators.breach")
    form = BreachReportForm.from_query(request.GET)
    report, table = selectors.breach_report(actor=actor, since=form.since())
    page = Paginator(table, PAGE_SIZE).get_page(request.GET.get("page"))
    breaches = selectors.mark_breaches(list(page.object_list), settings=report.settings, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Read the breach response report",
        detail={"since": report.since.isoformat() if report.since else None, "ids": [b.pk for b in breaches]},
    )
    return render(
        request, "perpetrators/breach_report.html", {"form": form, "report": report, "page": page, "breaches": breaches}
    )


# Court-ordered programmes


def programme_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "programme.record", object_type="referrals.case", object_id=case_pk)
    access = guard.fetch_case(actor, case_pk, minimum=Detail.SHARED, audit=request.method == "GET")
    case = access.case
    perpetrators, _others = _case_choices(case)
    orders = list(
        perpetrator_policy.visible_orders(actor).filter(case=case).select_related("perpetrator").order_by("-starts_on")
    )
    form = ProgrammeForm(request.POST or None, perpetrators=perpetrators, agencies=_agencies(actor), orders=orders)
    if request.method == "POST" and form.is_valid():
        try:
            programme_refer(actor=actor, case=case, data=form.programme_input())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Programme referral recorded."))
            return redirect("referrals:case_detail", pk=case.pk)
    return render(
        request,
        "perpetrators/programme_new.html",
        {"form": form, "case": case, "closed": case_closed_to_records(case), "has_perpetrators": bool(perpetrators)},
    )


def programme_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "programme.record", object_type="perpetrators.programmereferral", object_id=pk)
    programme: ProgrammeReferral = guard.fetch(
        actor,
        selectors.visible_programme_with_details(actor),
        pk,
        case_of=lambda p: p.case,
        audit=request.method == "GET",
    )
    if not perpetrator_policy.may_update_programme(actor, programme):
        raise guard.deny(
            actor,
            object_type="perpetrators.programmereferral",
            object_id=pk,
            reason="Not the programme's agency or the coordinator",
        )
    form = AttendanceForm(
        request.POST or None,
        initial={"sessions_attended": programme.sessions_attended, "status": programme.status},
    )
    if request.method == "POST" and programme.is_open and form.is_valid():
        try:
            programme_update(actor=actor, programme=programme, data=form.attendance_input())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Attendance recorded."))
            return redirect("perpetrators:programme_update", pk=programme.pk)
    return render(request, "perpetrators/programme_update.html", {"form": form, "programme": programme})
