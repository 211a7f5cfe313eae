"""Monitoring over the year (EIGE step 7): repeat victims and perpetrators, progression and attrition, outcomes by
group. Thin: guard, build, audit."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from marac.access import guard, policy
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.reports.monitoring import Period
from marac.reports.monitoring_presentation import monitoring_for
from marac.reports.views import chosen_quarter


def monitoring(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "report.view", object_type="reports.monitoring")
    form, quarter = chosen_quarter(request)
    data = monitoring_for(actor.locality, quarter, suppress=not policy.has_permission(actor, "report.cases"))
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        summary="Viewed the monitoring measures over the year",
        detail={"quarter": data.quarter_code, "suppressed": data.suppressed},
    )
    return render(
        request,
        "reports/monitoring.html",
        {"form": form, "monitoring": data, "quarters": Period.ending(quarter).quarters()},
    )
