"""Pages for referrals, triage and cases. Thin: guard, fetch, form, service, redirect."""

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext

from marac.access import guard, policy
from marac.access.rules import Detail
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.people.ages import is_child_on
from marac.referrals import selectors
from marac.referrals.forms import (
    CHILDREN_PREFIX,
    PERPETRATORS_PREFIX,
    ChildFormSet,
    PerpetratorFormSet,
    ReferralForm,
    TriageForm,
    new_submission_token,
    referral_input,
)
from marac.referrals.models import CaseStatus, Referral, TriageStatus
from marac.referrals.services import TriageDecision, referral_create, referral_triage
from marac.referrals.submitted import SubmittedDetails
from marac.risk.assessment_selectors import assessment_display, high_risk_from
from marac.risk.registry import current_version, instrument_of

PAGE_SIZE = 50


def add_service_errors(form: forms.Form, error: ValidationError, *, renamed: dict[str, str] | None = None) -> None:
    """Show a service's rule violations on the form: on the field they name, else above the form."""
    for key, messages_ in error.message_dict.items():
        key = (renamed or {}).get(key, key)
        field = key if key in form.fields else None
        for message in messages_:
            form.add_error(field if key != NON_FIELD_ERRORS else None, message)


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def referral_new(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "referral.create", object_type="referrals.referral")
    locality = actor.locality
    version = current_version(locality=locality, code=locality.referral_instrument_code)
    instrument = instrument_of(version)
    if request.method == "POST":
        form = ReferralForm(request.POST, locality=locality, version=version, instrument=instrument)
        perpetrators = PerpetratorFormSet(request.POST, prefix=PERPETRATORS_PREFIX)
        children = ChildFormSet(request.POST, prefix=CHILDREN_PREFIX)
        if all([form.is_valid(), perpetrators.is_valid(), children.is_valid()]):
            try:
                outcome = referral_create(actor=actor, data=referral_input(form, perpetrators, children))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if not outcome.created:
                    messages.info(
                        request,
                        gettext("This referral was already sent: case %(reference)s.")
                        % {"reference": outcome.case.reference},
                    )
                elif outcome.is_repeat:
                    messages.success(
                        request,
                        gettext("Repeat referral sent. It joins case %(reference)s, referred on %(referred)s.")
                        % {
                            "reference": outcome.case.reference,
                            "referred": dateformat.format(outcome.referral.previous_referral.referred_at, "d F Y"),
                        },
                    )
                else:
                    messages.success(
                        request,
                        gettext("Referral sent. The case reference is %(reference)s.")
                        % {"reference": outcome.case.reference},
                    )
                return redirect("referrals:detail", pk=outcome.referral.pk)
    else:
        form = ReferralForm(
            initial={"submission_token": new_submission_token()},
            locality=locality,
            version=version,
            instrument=instrument,
        )
        perpetrators = PerpetratorFormSet(prefix=PERPETRATORS_PREFIX)
        children = ChildFormSet(prefix=CHILDREN_PREFIX)
    today = timezone.localdate()
    young = [
        entry.cleaned_data["given_name"]
        for entry in perpetrators.forms
        if getattr(entry, "cleaned_data", None) and is_child_on(entry.cleaned_data.get("date_of_birth"), today)
    ]
    return render(
        request,
        "referrals/new.html",
        {
            "form": form,
            "perpetrators": perpetrators,
            "children": children,
            "locality": locality,
            "instrument": instrument,
            "version": version,
            "high_risk_from": high_risk_from(instrument=instrument, scale_code=locality.risk_scale),
            "young_perpetrators": young,
            "formsets": [(perpetrators, gettext("Perpetrator")), (children, gettext("Child"))],
            "has_errors": bool(form.errors or perpetrators.total_error_count() or children.total_error_count()),
        },
    )


def referral_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "referral.create", object_type="referrals.referral")
    page = _page(request, selectors.referral_list(actor=actor))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed referrals",
        detail={"ids": [referral.pk for referral in page.object_list]},
    )
    return render(
        request,
        "referrals/list.html",
        {
            "page": page,
            "referrals": page.object_list,
            "is_triage_queue": policy.has_permission(actor, "referral.triage"),
            "open_statuses": (TriageStatus.PENDING, TriageStatus.MORE_INFORMATION),
        },
    )


def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "referral.create", object_type="referrals.referral", object_id=pk)
    referral: Referral = guard.fetch(actor, selectors.visible_referrals(actor=actor), pk, case_of=lambda r: r.case)
    case_visible = selectors.case_list(actor=actor).filter(pk=referral.case_id).exists()
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "case": referral.case,
            "submitted": SubmittedDetails.from_referral(referral),
            # The referral is the full record of what was shared; the safe address still follows the rule.
            "may_see_safe_address": policy.may_see_safe_address(actor, Detail.FULL),
            "case_visible": case_visible,
            "from_pathway": selectors.pathway_referral_behind(actor=actor, referral=referral),
            "may_triage": policy.has_permission(actor, "referral.triage")
            and referral.triage_status in (TriageStatus.PENDING, TriageStatus.MORE_INFORMATION),
            "checklist": assessment_display(referral.assessment) if referral.assessment else None,
        },
    )


def referral_triage_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "referral.triage", object_type="referrals.referral", object_id=pk)
    referral: Referral = guard.fetch(
        actor, selectors.visible_referrals(actor=actor), pk, case_of=lambda r: r.case, audit=request.method == "GET"
    )
    choices = {
        "meetings": selectors.listable_meetings(actor=actor),
        "idva_services": selectors.idva_services(actor=actor),
        "idva_memberships": selectors.idva_memberships(actor=actor),
        "current_idva_agency": referral.case.idva_agency,
    }
    if request.method == "POST":
        form = TriageForm(request.POST, **choices)
        if form.is_valid():
            data = form.cleaned_data
            membership = data.get("idva")
            try:
                referral_triage(
                    actor=actor,
                    referral=referral,
                    decision=data["decision"],
                    meeting=data.get("meeting"),
                    emergency_at=form.emergency_at(),
                    decline_reason=data.get("decline_reason", ""),
                    information_needed=data.get("information_needed", ""),
                    idva_agency=data.get("idva_agency"),
                    idva=membership.user if membership else None,
                )
            except ValidationError as error:
                add_service_errors(form, error, renamed={"emergency_at": "emergency_date"})
            else:
                messages.success(request, _triage_message(data["decision"], referral))
                return redirect("referrals:list")
    else:
        form = TriageForm(**choices)
    return render(
        request,
        "referrals/triage.html",
        {"form": form, "referral": referral, "case": referral.case},
    )


def _triage_message(decision: str, referral: Referral) -> str:
    reference = referral.case.reference
    if decision in (TriageDecision.LIST, TriageDecision.EMERGENCY):
        return gettext("Case %(reference)s is listed.") % {"reference": reference}
    if decision == TriageDecision.DECLINE:
        return gettext("The referral to case %(reference)s is declined. The referrer can see your reason.") % {
            "reference": reference
        }
    return gettext("The referrer of case %(reference)s is asked for more information.") % {"reference": reference}


def case_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "case.list")
    status = request.GET.get("status", "")
    status = status if status in CaseStatus.values else ""
    page = _page(request, selectors.case_list(actor=actor, status=status))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed cases" + (f" ({status})" if status else ""),
        detail={"ids": [case.pk for case in page.object_list], "status": status},
    )
    return render(
        request,
        "referrals/case_list.html",
        {"page": page, "cases": page.object_list, "status": status, "statuses": CaseStatus.choices},
    )


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    access = guard.fetch_case(actor, pk)
    page = selectors.case_page(actor=actor, access=access)
    return render(
        request,
        "referrals/case_detail.html",
        {
            "page": page,
            "case": access.case,
            "locality": actor.locality,
            "perms_audit": policy.has_permission(actor, "case.audit_trail") and page.shows_full,
            "may_manage_exclusions": policy.has_permission(actor, "case.exclusions") and page.shows_full,
            "may_record_trigger": policy.has_permission(actor, "review_trigger.record") and page.shows_shared,
            "may_hold": policy.has_permission(actor, "case.legal_hold") and page.shows_full,
            "may_record_contact": policy.has_permission(actor, "victim_contact.record") and page.shows_full,
            "assess_url": reverse("risk:assess", args=[access.case.pk])
            if page.shows_shared and policy.has_permission(actor, "assessment.record")
            else "",
        },
    )
