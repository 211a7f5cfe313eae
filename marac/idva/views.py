"""The IDVA's pages: her service's cases, contact with the victim, and report-backs after each meeting."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from marac.access import guard
from marac.access.rules import Detail
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.idva import selectors, services
from marac.idva.forms import ReportBackCompleteForm, VictimContactForm

PAGE_SIZE = 50


def case_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "victim_contact.record")
    assigned_to_me = request.GET.get("assigned") == "me"
    page = Paginator(selectors.idva_case_list(actor=actor, assigned_to_me=assigned_to_me), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed the IDVA service's cases" + (" assigned to them" if assigned_to_me else ""),
        detail={"ids": [case.pk for case in page]},
    )
    return render(
        request,
        "idva/case_list.html",
        {"page": page, "assigned_to_me": assigned_to_me, "today": timezone.localdate()},
    )


def contact_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "victim_contact.record", object_type="referrals.case", object_id=case_pk)
    access = guard.fetch_case(actor, case_pk, minimum=Detail.FULL)
    form = VictimContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.victim_contact_record(
                actor=actor,
                case=access.case,
                contacted_at=data["contacted_at"],
                method=data["method"],
                successful=data["successful"],
                victim_views=data["victim_views"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            recorded = (
                gettext("Contact with %(name)s recorded.")
                if data["successful"]
                else gettext("Attempt to contact with %(name)s recorded.")
            )
            messages.success(request, recorded % {"name": access.case.victim.full_name})
            return redirect("referrals:case_detail", pk=access.case.pk)
    return render(request, "idva/contact_form.html", {"form": form, "case": access.case})


def report_back_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "report_back.complete")
    report_backs = selectors.idva_report_back_list(actor=actor)
    page = Paginator(report_backs, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    outstanding = report_backs.filter(completed_at__isnull=True)
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed report-backs",
        detail={"ids": [report_back.pk for report_back in page]},
    )
    return render(
        request,
        "idva/report_back_list.html",
        {
            "page": page,
            "today": today,
            "outstanding_count": outstanding.count(),
            "overdue_count": outstanding.filter(due_date__lt=today).count(),
        },
    )


def report_back_complete(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "report_back.complete", object_type="idva.reportback", object_id=pk)
    report_back = guard.fetch(
        actor, selectors.idva_report_back_for_completion(actor=actor), pk, case_of=lambda found: found.case
    )
    form = ReportBackCompleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_back_complete(
                actor=actor,
                report_back=report_back,
                victim_told_at=data["victim_told_at"],
                method=data["method"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, gettext("Report-back to %(name)s recorded.") % {"name": report_back.case.victim.full_name}
            )
            return redirect("idva:report_backs")
    return render(request, "idva/report_back_complete.html", {"form": form, "report_back": report_back})
