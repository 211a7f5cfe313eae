from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from marac.access import guard
from marac.access.rules import Detail
from marac.audit.selectors import audit_events_for_case

EVENTS_PER_PAGE = 50


def case_trail(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Who did what to one case, newest first: the coordinator's answer to 'who has seen this?'."""
    actor = request.actor
    guard.require(actor, "case.audit_trail", object_type="referrals.case", object_id=case_pk)
    access = guard.fetch_case(actor, case_pk, minimum=Detail.FULL)
    events = audit_events_for_case(actor=actor, case=access.case).select_related("actor", "agency")
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/case_trail.html", {"case": access.case, "page": page})
