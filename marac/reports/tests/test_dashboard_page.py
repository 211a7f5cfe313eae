"""The KPI dashboard page: who may see it and how much, its charts with their tables, the audit of the read, and a
number of queries that does not grow with the data."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.referrals.models import Case
from marac.reports.kpi_presentation import build_dashboard
from marac.reports.quarters import Quarter
from marac.reports.tests.factories import QUARTER, build_quarter, case, listed, local, meeting
from marac.reports.tests.kpi_factories import TODAY, action, build_breaches, build_kpi_data, configure, done

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("reports:dashboard")
MEASURES = 14  # 3 of volume and routes, 5 of equality, children, time to meeting, actions, 2 of capacity, breaches


def _text(html: str, attribute: str) -> str:
    """The text of the first element carrying the attribute (for example data-value="repeat_rate")."""
    cell = html.split(f"{attribute}>", 1)[1].split("</", 1)[0]
    return re.sub(r"<[^>]+>", "", cell).strip()


def _actions_cell(html: str, agency: str, column: str) -> str:
    row = html.split(f'data-agency="{agency}"', 1)[1].split("</tr>", 1)[0]
    return _text(row, f'data-column="{column}"')


def _viewed() -> AuditEvent:
    return AuditEvent.objects.filter(action=AuditAction.VIEW, summary="Viewed the KPI dashboard").get()


def test_the_coordinator_sees_every_number_each_chart_with_its_table(locale):
    build_kpi_data(locale)
    configure(locale)
    response = locale.client("coordinator").get(DASHBOARD, {"quarter": QUARTER.code})
    assert response.status_code == 200
    html = response.content.decode()
    assert _text(html, 'data-value="repeat_rate"') == "42.9%"
    assert _text(html, 'data-value="days_to_meeting"') == "13 days"
    assert _text(html, 'data-value="breach_response"') == "12 h 30 min"
    assert _text(html, 'data-position="above"') == "Above the expected range"  # the repeat rate, first above
    assert _text(html, 'data-trend="repeat_rate"').startswith("Repeat rate, by quarter")
    assert _text(html.split('data-trend="actions_on_time"', 1)[1], 'data-quarter="2026 Q2"') == "50.0%"
    assert _actions_cell(html, "Riverside Police", "share_on_time") == "75.0%"
    # The page counts overdue against the real today, past the quarter: all 3 still open are overdue.
    assert _actions_cell(html, "All agencies", "overdue") == "3"
    # A chart for every measure and the agencies' bar chart; a table of each one's numbers beside it.
    assert html.count('<svg class="marac-chart"') == MEASURES + 1
    assert html.count("data-trend=") == MEASURES
    assert "data-actions" in html
    assert f"{reverse('reports:return')}?quarter=2026-Q3" in html
    assert "kpi-suppression-notice" not in html
    assert _viewed().detail == {"quarter": "2026-Q3", "suppressed": False}


def test_the_analyst_sees_aggregates_only(locale):
    build_kpi_data(locale)
    configure(locale)
    response = locale.client("analyst").get(DASHBOARD, {"quarter": QUARTER.code})
    assert response.status_code == 200
    html = response.content.decode()
    assert "kpi-suppression-notice" in html
    assert _text(html, 'data-value="repeat_rate"') == "withheld"
    assert _text(html, 'data-value="minoritised"') == "71.4%"
    assert _text(html, 'data-detail="Repeat cases"') == "fewer than 5"
    assert _actions_cell(html, "Riverside Housing", "due") == "withheld"
    assert _actions_cell(html, "Riverside Hospital", "due") == "fewer than 5"
    assert _actions_cell(html, "All agencies", "share_on_time") == "53.3%"
    assert "Q3-A" not in html and "VictimA" not in html
    assert _viewed().detail == {"quarter": "2026-Q3", "suppressed": True}


@pytest.mark.parametrize("persona", ["police_rep", "idva", "housing_rep", "admin", "auditor", "police_referrer"])
def test_other_roles_are_refused(locale, persona):
    assert locale.client(persona).get(DASHBOARD, {"quarter": QUARTER.code}).status_code == 404
    refusal = AuditEvent.objects.filter(action=AuditAction.DENIED, summary="Lacks report.view").get()
    assert refusal.detail["object_type"] == "reports.dashboard"
    assert not AuditEvent.objects.filter(summary="Viewed the KPI dashboard").exists()


def test_the_current_quarter_by_default_and_a_bad_one_is_an_error_on_the_field(locale):
    client = locale.client("chair")
    assert client.get(DASHBOARD).status_code == 200
    current = Quarter.containing(timezone.now()).code
    assert _viewed().detail == {"quarter": current, "suppressed": False}
    bad = client.get(DASHBOARD, {"quarter": "2026-Q5"}).content.decode()
    assert "Enter the quarter as the year, -Q and 1 to 4, for example 2026-Q3." in bad
    assert "No MARAC action fell due in this quarter." in bad


def test_the_summary_partial_has_no_form_link_or_script(locale):
    """It goes into the annual review's PDF as it is: nothing to click, nothing to fetch."""
    build_kpi_data(locale)
    configure(locale)
    html = render_to_string(
        "reports/_kpi_summary.html",
        {"dashboard": build_dashboard(locale.locality, QUARTER, suppress=True, today=TODAY)},
    )
    assert html.count("<svg") == MEASURES + 1 and html.count("<table") == MEASURES + 1
    for forbidden in ("<form", "<a ", "href=", "<script", "<style", "<img", "<link"):
        assert forbidden not in html, forbidden


def _more_data(locale) -> None:
    """Another meeting with more cases, a meeting in another quarter, actions of more agencies in more quarters, and
    breaches."""
    extra = meeting(locale, local(2026, 9, 8))
    for number in range(6):
        listed(extra, case(locale, f"Q3-X{number}"), locale.childrens_social_care, dt.date(2026, 9, 1), children=1)
    earlier = meeting(locale, local(2026, 2, 10))
    listed(earlier, case(locale, "Q1-X"), locale.health, dt.date(2026, 1, 20))
    for month in (1, 4, 7, 8):
        done(locale.locality, locale.childrens_social_care, (month, 20), local(2026, month, 19))
        action(locale.locality, locale.idva_service, dt.date(2026, month, 21))
    build_breaches(locale, Case.objects.get(reference="Q1-X"))


@pytest.mark.parametrize("persona", ["coordinator", "analyst"])
def test_query_count_does_not_grow_with_the_data(locale, persona):
    build_quarter(locale)
    client = locale.client(persona)
    client.get(DASHBOARD, {"quarter": QUARTER.code})  # warm the session
    with CaptureQueriesContext(connection) as small:
        client.get(DASHBOARD, {"quarter": QUARTER.code})
    _more_data(locale)
    configure(locale)
    with CaptureQueriesContext(connection) as larger:
        response = client.get(DASHBOARD, {"quarter": QUARTER.code})
    assert len(larger) == len(small)
    assert _text(response.content.decode(), 'data-detail="Cases discussed"') == "13"
