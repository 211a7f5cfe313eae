"""The KPI dashboard: the quarter's measures against their benchmarks, with their trends. Thin: guard, select,
audit."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from marac.access import guard
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.reports import kpi_presentation
from marac.reports.views import chosen_quarter


def dashboard(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "report.view", object_type="reports.dashboard")
    form, quarter = chosen_quarter(request)
    data = kpi_presentation.dashboard(actor=actor, quarter=quarter)
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        summary="Viewed the KPI dashboard",
        detail={"quarter": data.quarter_code, "suppressed": data.suppressed},
    )
    return render(request, "reports/dashboard.html", {"form": form, "dashboard": data})
