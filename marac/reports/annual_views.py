"""The annual review: the page that chooses the year and shows its return, and the pack as a PDF. Thin: guard,
build, audit."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from marac.access import guard
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.pdf import html_to_pdf, pdf_download
from marac.reports.annual import annual_review_for, year_return
from marac.reports.views import chosen_quarter, given_quarter


def annual_review(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "report.view", object_type="reports.annual")
    form, quarter = chosen_quarter(request)
    year = year_return(actor=actor, last=quarter)
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        summary="Viewed the year's return for the annual review",
        detail={"quarter": quarter.code, "suppressed": year.data.suppressed},
    )
    return render(request, "reports/annual.html", {"form": form, "year": year, "quarter": quarter})


def annual_pack(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "report.view", object_type="reports.annual")
    review = annual_review_for(actor=actor, last=given_quarter(request))
    html = render_to_string(
        "reports/annual_pack.html",
        {
            "review": review,
            "locality": actor.locality,
            "produced_at": timezone.localtime(),
            "produced_by": actor.user.get_full_name() or actor.user.get_username(),
        },
    )
    document = html_to_pdf(html)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        summary="Downloaded the annual review pack",
        detail={"quarter": review.last.code, "suppressed": review.suppressed},
    )
    return pdf_download(document, f"annual-review-{review.last.code}.pdf")
