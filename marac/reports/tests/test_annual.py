"""The annual review: the year's return quarter by quarter, the measures outside their range, and the PDF pack."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.reports.annual import annual_review_for, year_return
from marac.reports.models import ReportSettings
from marac.reports.tests.factories import QUARTER, build_quarter

pytestmark = pytest.mark.django_db
REVIEW = reverse("reports:annual_review")
PACK = reverse("reports:annual_pack")


def _row(year, key: str) -> list[str]:
    return [cell.count.text for cell in next(row for row in year.rows if row.figure.key == key).cells]


def test_the_year_is_its_four_quarters_and_their_total(locale):
    build_quarter(locale)
    ReportSettings.objects.create(locality=locale.locality, adult_female_population=2000)
    year = year_return(actor=locale.actor("coordinator"), last=QUARTER)
    assert year.labels == ["2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3", "Year"]
    # June's meeting (B, a repeat from police with 5 children) is the second quarter's only case.
    assert _row(year, "cases") == ["0", "0", "1", "7", "8"]
    assert _row(year, "repeats") == ["0", "0", "1", "3", "4"]
    assert _row(year, "children") == ["0", "0", "5", "12", "17"]
    # Eight cases in the year over 2,000 women: 40 per 10,000 (not multiplied by four: it is a whole year).
    assert year.data.expected_volume.text == "40.0"


def test_the_analyst_sees_the_year_suppressed(locale):
    build_quarter(locale)
    year = year_return(actor=locale.actor("analyst"), last=QUARTER)
    assert _row(year, "cases") == ["fewer than 5", "fewer than 5", "fewer than 5", "7", "8"]
    # Three quarters are hidden and the fourth shown: adding them up could not give one hidden count back.
    assert _row(year, "repeats") == ["fewer than 5"] * 5


def test_measures_outside_their_range_go_to_the_improvement_plan(locale):
    build_quarter(locale)
    review = annual_review_for(actor=locale.actor("coordinator"), last=QUARTER)
    labels = {measure.label: measure for measure in review.outside_range}
    # 3 repeats and 3 referrals from other agencies of 7 cases: 42.9%, above both ranges (28-40%, 25-40%).
    assert labels["Repeat rate"].value == "42.9% (above the expected range)"
    # Nothing else has a band it misses: no actions fell due, every case was heard within 28 days, and the
    # equality groups and staffing are not configured, so they have only a reference line.
    assert set(labels) == {"Repeat rate", "Referrals from agencies other than police"}
    assert review.period_label == "October 2025 to September 2026"
    assert review.marking.startswith("OFFICIAL-SENSITIVE")


def test_the_pack_holds_every_part(locale):
    build_quarter(locale)
    review = annual_review_for(actor=locale.actor("coordinator"), last=QUARTER)
    html = render_to_string(
        "reports/annual_pack.html",
        {"review": review, "locality": locale.locality, "produced_at": timezone.now(), "produced_by": "A tester"},
    )
    assert "1. Measures outside their expected range" in html and "Repeat rate" in html
    assert 'id="year-return"' in html
    assert "<svg" in html  # the dashboard's trend charts
    assert "Case progression and attrition" in html
    assert "<script" not in html and "<link" not in html and "src=" not in html


def test_the_page_and_the_pdf_are_audited(locale):
    build_quarter(locale)
    client = locale.client("coordinator")
    page = client.get(REVIEW, {"quarter": QUARTER.code})
    assert page.status_code == 200
    assert f"{PACK}?quarter=2026-Q3" in page.content.decode()
    assert AuditEvent.objects.get(action=AuditAction.VIEW).detail == {"quarter": "2026-Q3", "suppressed": False}
    pdf = client.get(PACK, {"quarter": QUARTER.code})
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == 'attachment; filename="annual-review-2026-Q3.pdf"'
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.detail == {"quarter": "2026-Q3", "suppressed": False}


def test_the_analyst_downloads_a_suppressed_pack(locale):
    build_quarter(locale)
    review = annual_review_for(actor=locale.actor("analyst"), last=QUARTER)
    assert review.suppressed and review.marking.startswith("OFFICIAL –")
    response = locale.client("analyst").get(PACK, {"quarter": QUARTER.code})
    assert response.status_code == 200
    assert AuditEvent.objects.get(action=AuditAction.EXPORT).detail["suppressed"] is True


@pytest.mark.parametrize("persona", ["police_rep", "idva", "housing_rep", "admin"])
def test_others_are_refused(locale, persona):
    client = locale.client(persona)
    assert client.get(REVIEW).status_code == 404
    assert client.get(PACK).status_code == 404


def test_a_bad_quarter_for_the_pack_is_refused(locale):
    assert locale.client("coordinator").get(PACK, {"quarter": "2026-Q9"}).status_code == 404
