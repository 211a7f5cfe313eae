"""Pages of the audit trail: who has seen one case, and the auditor's search with its CSV export."""

import csv
import secrets
from collections.abc import Iterator

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from marac.access import guard
from marac.access.rules import Detail
from marac.agencies.models import Role
from marac.audit.forms import AuditSearchForm
from marac.audit.models import AuditAction, AuditEvent, AuditPurpose
from marac.audit.selectors import AuditSearch, audit_events_for_case, search_events
from marac.audit.services import audit_record

EVENTS_PER_PAGE = 50
EXPORT_BATCH_SIZE = 2000
# Searches live in the session, not the address: a victim's name must not reach browser history or server logs.
SEARCHES_SESSION_KEY = "audit_searches"
SEARCHES_KEPT = 10
# A cell starting with one of these is a formula to a spreadsheet: exported text must stay text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def case_trail(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Who has seen or changed one case, newest first: for the coordinator and for the case's IDVA."""
    actor = request.actor
    guard.require(actor, "case.audit_trail", object_type="referrals.case", object_id=case_pk)
    access = guard.fetch_case(actor, case_pk, minimum=Detail.FULL, audit=False)
    views_only = request.GET.get("show") == "views"
    events = audit_events_for_case(actor=actor, case=access.case, views_only=views_only)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        target=access.case,
        case=access.case,
        summary="Read who has seen" + ("" if views_only else " or changed") + " the case",
        detail={"ids": [event.pk for event in page.object_list], "views_only": views_only},
        purpose=AuditPurpose.CASE_MANAGEMENT,
    )
    return render(
        request,
        "audit/case_trail.html",
        {"case": access.case, "page": page, "views_only": views_only},
    )


def _saved_search(request: HttpRequest) -> tuple[str, AuditSearch | None]:
    token = request.GET.get("search", "")
    saved = request.session.get(SEARCHES_SESSION_KEY, {}).get(token) if token else None
    return token, AuditSearch.from_dict(saved) if saved is not None else None


def _save_search(request: HttpRequest, search: AuditSearch) -> str:
    token = secrets.token_urlsafe(12)
    searches = request.session.get(SEARCHES_SESSION_KEY, {})
    searches[token] = search.as_dict()
    request.session[SEARCHES_SESSION_KEY] = dict(list(searches.items())[-SEARCHES_KEPT:])
    return token


def search(request: HttpRequest) -> HttpResponse:
    """The auditor's search over her locality's events. The criteria are posted, kept in the session, and the
    results shown at an address that names the search, not its criteria."""
    actor = request.actor
    guard.require(actor, "audit.search", object_type="audit.auditevent")
    if request.method == "POST":
        form = AuditSearchForm(request.POST)
        if form.is_valid():
            return redirect(f"{reverse('audit:search')}?search={_save_search(request, form.search())}")
        return render(request, "audit/search.html", {"form": form, "result": None, "page": None})

    token, saved = _saved_search(request)
    if token and saved is None:
        messages.warning(request, gettext("That search is no longer available. Search again."))
        return render(request, "audit/search.html", {"form": AuditSearchForm(), "result": None, "page": None})
    criteria = saved or AuditSearch()
    result = search_events(actor=actor, search=criteria)
    page = Paginator(result.events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Searched the audit trail",
        detail={"criteria": result.recorded_criteria(criteria), "ids": [event.pk for event in page.object_list]},
        purpose=AuditPurpose.AUDIT_REVIEW,
    )
    return render(
        request,
        "audit/search.html",
        {
            "form": AuditSearchForm(initial=criteria.as_dict()),
            "criteria": criteria.as_dict(),
            "result": result,
            "page": page,
        },
    )


def search_export(request: HttpRequest) -> HttpResponse:
    """Every event the search found, as CSV, streamed: the export is recorded before it starts."""
    actor = request.actor
    guard.require(actor, "audit.search", object_type="audit.auditevent")
    token, saved = _saved_search(request)
    if token and saved is None:
        messages.warning(request, gettext("That search is no longer available. Search again, then export."))
        return redirect("audit:search")
    criteria = saved or AuditSearch()
    # The events as they stand now: not the record of this export, nor what others do while it downloads.
    newest = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    result = search_events(actor=actor, search=criteria)
    events = result.events.filter(pk__lte=newest)
    count = events.count()
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        summary=f"Exported {count} audit event{'s' if count != 1 else ''} as CSV",
        detail={"criteria": result.recorded_criteria(criteria), "count": count, "up_to_event": newest},
        purpose=AuditPurpose.AUDIT_REVIEW,
    )
    response = StreamingHttpResponse(_csv_lines(events), content_type="text/csv; charset=utf-8")
    filename = f"audit-events-{timezone.localtime():%Y%m%d-%H%M}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


class _Line:
    """A file-like object whose write returns the line, for csv.writer in a streamed response."""

    def write(self, value: str) -> str:
        return value


EXPORT_COLUMNS = (
    "event",
    "when",
    "user",
    "agency",
    "role",
    "action",
    "purpose",
    "record type",
    "record id",
    "case reference",
    "summary",
    "ip address",
    "request id",
    "hash",
)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv_lines(events: QuerySet[AuditEvent]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow(EXPORT_COLUMNS)
    # The export is a copy of the record: in English, like the summaries it carries.
    with translation.override(None):
        role_labels = {code: str(label) for code, label in Role.choices}
        action_labels = {code: str(label) for code, label in AuditAction.choices}
    events = events.order_by("-pk")
    before = None
    while True:
        batch = list(events.filter(pk__lt=before)[:EXPORT_BATCH_SIZE] if before else events[:EXPORT_BATCH_SIZE])
        for event in batch:
            yield writer.writerow(
                [
                    _cell(value)
                    for value in (
                        event.pk,
                        timezone.localtime(event.occurred_at).isoformat(timespec="seconds"),
                        event.actor_username,
                        event.agency_name,
                        role_labels.get(event.role, event.role),
                        action_labels.get(event.action, event.action),
                        event.purpose,
                        event.object_type,
                        event.object_id,
                        event.case_reference,
                        event.summary,
                        event.ip_address,
                        event.request_id,
                        event.hash,
                    )
                ]
            )
        if len(batch) < EXPORT_BATCH_SIZE:
            return
        before = batch[-1].pk
