"""Pages for subject access and legal holds. Thin: guard, fetch, form, service, redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from marac.access import guard
from marac.access.rules import Detail
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.people import retention, subject_access
from marac.people.forms import LegalHoldForm, LegalHoldIntent, PersonSearchForm, SubjectAccessExportForm
from marac.people.search import search_people
from marac.referrals.views import add_service_errors

PAGE_SIZE = 50


def subject_access_find(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "person.subject_access", object_type="people.person")
    form = PersonSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = search_people(actor=actor, query=query)
    page = Paginator(found.people, PAGE_SIZE).get_page(request.GET.get("page"))
    if query:
        audit_record(
            actor=actor,
            action=AuditAction.LIST,
            summary="Searched people for subject access",
            detail={"ids": [person.pk for person in page.object_list]},
        )
    return render(
        request,
        "people/subject_access_find.html",
        {"form": form, "query": query, "page": page, "found": found},
    )


def _subject_access_page(request: HttpRequest, person, form: SubjectAccessExportForm) -> HttpResponse:
    report = subject_access.subject_access_report(actor=request.actor, person=person, with_access_log=False)
    return render(request, "people/subject_access.html", {"report": report, "person": person, "form": form})


def subject_access_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "person.subject_access", object_type="people.person", object_id=pk)
    person = guard.fetch(actor, subject_access.subject_access_people(actor=actor), pk)
    return _subject_access_page(request, person, SubjectAccessExportForm())


def subject_access_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file is produced by a POST with its purpose; the export is audited by the service."""
    actor = request.actor
    guard.require(actor, "person.subject_access", object_type="people.person", object_id=pk)
    form = SubjectAccessExportForm(request.POST if request.method == "POST" else None)
    valid = request.method == "POST" and form.is_valid()
    # A valid request is recorded as the export itself; anything else shows the page, recorded as a view.
    person = guard.fetch(actor, subject_access.subject_access_people(actor=actor), pk, audit=not valid)
    if request.method != "POST":
        return redirect("people:subject_access", pk=person.pk)
    if valid:
        try:
            purpose = form.cleaned_data["purpose"]
            export = subject_access.subject_access_export(actor=actor, person=person, purpose=purpose)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            response = HttpResponse(export.content, content_type=export.content_type)
            response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
            response["Cache-Control"] = "no-store"
            return response
    return _subject_access_page(request, person, form)


def legal_hold(request: HttpRequest, case_pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "case.legal_hold", object_type="referrals.case", object_id=case_pk)
    access = guard.fetch_case(actor, case_pk, minimum=Detail.FULL, audit=request.method != "POST")
    case = access.case
    in_force = retention.legal_holds_of(case=case).filter(lifted_at__isnull=True).exists()
    form = LegalHoldForm(request.POST or None, hold_in_force=in_force)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["intent"] == LegalHoldIntent.LIFT:
                retention.legal_hold_lift(actor=actor, case=case, reason=data["reason"])
                message = gettext(
                    "The legal hold on case %(reference)s is lifted. The retention schedule applies again."
                ) % {"reference": case.reference}
            else:
                retention.legal_hold_place(actor=actor, case=case, reason=data["reason"])
                message = gettext(
                    "Case %(reference)s is on legal hold. It will not be anonymised until the hold is lifted."
                ) % {"reference": case.reference}
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message)
            return redirect("people:legal_hold", case_pk=case.pk)
    # Read after any attempt, so a hold someone else placed or lifted meanwhile is what the page shows and offers.
    holds = list(retention.legal_holds_of(case=case))
    hold_in_force = next((hold for hold in holds if hold.in_force), None)
    return render(
        request,
        "people/legal_hold.html",
        {
            "case": case,
            "holds": holds,
            "in_force": hold_in_force,
            "intent": LegalHoldIntent.LIFT if hold_in_force else LegalHoldIntent.PLACE,
            "form": form,
            "locality": actor.locality,
        },
    )
