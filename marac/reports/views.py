"""The quarterly data return: the page, its exports, and the cases behind a figure. Thin: guard, select, audit."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from marac.access import guard, policy
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.reports import exports, selectors
from marac.reports.figures import FIGURES_BY_KEY
from marac.reports.forms import QuarterForm
from marac.reports.presentation import EXPECTED_VOLUME
from marac.reports.quarters import Quarter


def chosen_quarter(request: HttpRequest) -> tuple[QuarterForm, Quarter]:
    """The quarter asked for, or the current one (with the error on the field) when none or a bad one is given."""
    current = Quarter.containing(timezone.now())
    if "quarter" not in request.GET:
        return QuarterForm(initial={"quarter": current.code}), current
    form = QuarterForm(request.GET)
    return form, (form.cleaned_data["quarter"] if form.is_valid() else current)


def _audit_read(request: HttpRequest, action: AuditAction, summary: str, data) -> None:
    audit_record(
        actor=request.actor,
        action=action,
        summary=summary,
        detail={"quarter": data.quarter_code, "suppressed": data.suppressed},
    )


def data_return(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "report.view", object_type="reports.return")
    form, quarter = chosen_quarter(request)
    data = selectors.data_return(actor=actor, quarter=quarter)
    _audit_read(request, AuditAction.VIEW, "Viewed the quarterly data return", data)
    return render(
        request,
        "reports/return.html",
        {
            "form": form,
            "data": data,
            "may_see_cases": policy.has_permission(actor, "report.cases"),
            "expected_volume_explanation": EXPECTED_VOLUME[0],
            "expected_volume_benchmark": EXPECTED_VOLUME[1],
        },
    )


def given_quarter(request: HttpRequest) -> Quarter:
    """For links and downloads: the quarter in the address (the current one when none); a bad one is a 404."""
    if "quarter" not in request.GET:
        return Quarter.containing(timezone.now())
    form = QuarterForm(request.GET)
    if not form.is_valid():
        raise guard.deny(request.actor, object_type="reports.return", object_id="", reason="Bad quarter for export")
    return form.cleaned_data["quarter"]


def export_csv(request: HttpRequest) -> HttpResponse:
    guard.require(request.actor, "report.view", object_type="reports.return")
    data = selectors.data_return(actor=request.actor, quarter=given_quarter(request))
    _audit_read(request, AuditAction.EXPORT, "Exported the quarterly data return as CSV", data)
    response = HttpResponse(exports.return_csv(data), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="data-return-{data.quarter_code}.csv"'
    return response


def export_xlsx(request: HttpRequest) -> HttpResponse:
    guard.require(request.actor, "report.view", object_type="reports.return")
    data = selectors.data_return(actor=request.actor, quarter=given_quarter(request))
    _audit_read(request, AuditAction.EXPORT, "Exported the quarterly data return as a spreadsheet", data)
    response = HttpResponse(
        exports.return_xlsx(data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="data-return-{data.quarter_code}.xlsx"'
    return response


def figure_cases(request: HttpRequest, figure_key: str) -> HttpResponse:
    """The cases one figure counts, for whoever may see the locality's cases; the analyst is refused (404)."""
    actor = request.actor
    guard.require(actor, "report.cases", object_type="reports.figure", object_id=figure_key)
    figure = FIGURES_BY_KEY.get(figure_key)
    meeting = request.GET.get("meeting")
    if figure is None or (meeting is not None and not meeting.isdigit()):
        raise guard.deny(actor, object_type="reports.figure", object_id=figure_key, reason="No such figure")
    quarter = given_quarter(request)
    cases = list(
        selectors.figure_cases(
            actor=actor, quarter=quarter, figure=figure, meeting_pk=int(meeting) if meeting else None
        )
    )
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary=f"Listed the cases behind a figure of the data return: {in_english(figure.label)}",
        detail={"quarter": quarter.code, "figure": figure.key, "meeting": meeting, "ids": [c.pk for c in cases]},
    )
    return render(
        request, "reports/figure_cases.html", {"figure": figure, "quarter": quarter, "cases": cases, "meeting": meeting}
    )
