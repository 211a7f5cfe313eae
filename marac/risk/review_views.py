"""Review pages: recording an event that brings a case's review forward, and the reviews due and overdue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from marac.access import guard
from marac.access.rules import Detail
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.meetings.forms import add_service_errors
from marac.risk import review_selectors, review_services
from marac.risk.review_forms import ReviewFilterForm, ReviewTriggerForm

REVIEWS_PER_PAGE = 50


def _next_review_sentence(case, trigger) -> str:
    due = case.next_review_due
    when = {"date": date_format(timezone.localtime(due), "j F Y"), "time": date_format(timezone.localtime(due), "H:i")}
    if due < trigger.recorded_at:
        return gettext("The next risk review has been overdue since %(date)s at %(time)s: arrange it now.") % when
    if due == trigger.recorded_at:
        return gettext("The next risk review is due now: arrange it as soon as you can.")
    return gettext("The next risk review is due by %(date)s at %(time)s.") % when


def trigger_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "review_trigger.record", object_type="referrals.case", object_id=case_pk)
    access = guard.fetch_case(actor, case_pk, minimum=Detail.SHARED)
    case = access.case
    form = ReviewTriggerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            trigger = review_services.review_trigger_record(
                actor=actor, case=case, event=data["event"], event_at=data["event_at"], note=data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("%(event)s recorded. %(next_review)s")
                % {"event": trigger.get_event_display(), "next_review": _next_review_sentence(case, trigger)},
            )
            return redirect("referrals:case_detail", pk=case.pk)
    return render(request, "risk/reviews/trigger_form.html", {"form": form, "case": case})


def review_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "review.list")
    filter_form = ReviewFilterForm(request.GET)
    overdue_only = filter_form.overdue_only()
    cases = review_selectors.reviews_due(actor=actor, overdue_only=overdue_only)
    page = Paginator(cases, REVIEWS_PER_PAGE).get_page(request.GET.get("page"))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed risk reviews overdue" if overdue_only else "Listed risk reviews due and overdue",
        detail={"ids": [case.pk for case in page], "filters": {"overdue_only": overdue_only}},
    )
    return render(
        request,
        "risk/reviews/list.html",
        {
            "page": page,
            "rows": review_selectors.review_rows(actor=actor, cases=list(page)),
            "filter_form": filter_form,
            "overdue_only": overdue_only,
            "due_soon_days": review_selectors.DUE_SOON_WINDOW.days,
        },
    )
