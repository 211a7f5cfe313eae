"""The breach report: per kind of response and overall, the count, the median time from report to response and the
share within the locality's target, checked against response times worked out by hand."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.perpetrators.models import PerpetratorSettings, ResponseKind
from marac.perpetrators.selectors import breach_report
from marac.perpetrators.tests.factories import breach_of, order_on, respond
from marac.referrals.services import months_before
from marac.testing.factories import ReferralFactory
from marac.testing.queries import audit_lock_queries

pytestmark = pytest.mark.django_db

H = dt.timedelta(hours=1)

# (kind, hours from the report to the response); None: no response yet.
RESPONSES = [
    (ResponseKind.ARREST, 1),
    (ResponseKind.ARREST, 3),
    (ResponseKind.ARREST, 30),
    (ResponseKind.CHARGE, 2),
    (ResponseKind.WARNING, 6),
    (ResponseKind.WARNING, 10),
    (ResponseKind.NO_ACTION, 48),
    (None, None),
]


@pytest.fixture
def breaches(locale):
    """Seven answered breaches and one awaiting an answer this year, one answered breach 14 months ago; the
    locality's target is 4 hours."""
    PerpetratorSettings.objects.create(locality=locale.locality, response_target_hours=4)
    case = ReferralFactory(case__locality=locale.locality, referring_agency=locale.police).case
    order = order_on(case, owner=locale.police, starts_days_ago=600)
    recent = timezone.now() - dt.timedelta(days=20)
    for kind, hours in RESPONSES:
        breach = breach_of(order, agency=locale.housing, reported_at=recent)
        if kind:
            respond(breach, agency=locale.police, hours=hours, kind=kind)
    old = breach_of(order, agency=locale.housing, reported_at=months_before(timezone.now(), 14))
    respond(old, agency=locale.police, hours=1)
    return order


def _rows(report) -> dict[str, tuple]:
    return {
        row.kind: (row.count, row.median, row.within_target, row.percent_within_target)
        for row in [*report.timeliness.rows, report.timeliness.overall]
    }


def test_the_last_twelve_months_worked_out_by_hand(locale, breaches):
    since = timezone.localdate(months_before(timezone.now(), 12))
    report, table = breach_report(actor=locale.actor("coordinator"), since=since)
    assert report.total == 8 and report.awaiting == 1
    assert report.timeliness.target == 4 * H
    assert _rows(report) == {
        ResponseKind.ARREST: (3, 3 * H, 2, 67),  # 1, 3, 30 hours
        ResponseKind.CHARGE: (1, 2 * H, 1, 100),
        ResponseKind.WARNING: (2, 8 * H, 0, 0),  # 6 and 10 hours: halfway
        ResponseKind.RETURN_TO_COURT: (0, None, 0, None),
        ResponseKind.NO_ACTION: (1, 48 * H, 0, 0),
        "": (7, 6 * H, 3, 43),  # 1, 2, 3, 6, 10, 30, 48 hours
    }
    assert table.count() == 8


def test_every_breach_ever(locale, breaches):
    report, table = breach_report(actor=locale.actor("chair"), since=None)
    overall = report.timeliness.overall
    # 1, 1, 2, 3, 6, 10, 30, 48 hours: halfway between 3 and 6; 4 of 8 within 4 hours.
    assert (overall.count, overall.median, overall.within_target, overall.percent_within_target) == (8, 4.5 * H, 4, 50)
    assert table.count() == 9


def test_the_page_shows_the_summary_and_each_breach(locale, breaches):
    response = locale.client("coordinator").get(reverse("perpetrators:breach_report"))
    text = html.unescape(response.content.decode())
    assert "8 breaches reported since" in text and "1 awaiting a response" in text
    assert "The target is 4 hours." in text
    assert "67% (2)" in text and "43% (3)" in text
    assert "2 days 0 h" in text  # the no-action median
    assert "Awaiting a response" in text
    text = html.unescape(
        locale.client("chair").get(reverse("perpetrators:breach_report"), {"period": "all"}).content.decode()
    )
    assert "9 breaches reported;" in text and "4 h 30 min" in text


@pytest.mark.parametrize("persona", ["police_rep", "idva", "housing_rep", "analyst", "police_referrer"])
def test_only_the_coordinator_and_the_chair_read_it(locale, persona):
    assert locale.client(persona).get(reverse("perpetrators:breach_report")).status_code == 404


def test_another_localitys_breaches_are_not_counted(locale, other_locale, breaches):
    report, _table = breach_report(actor=other_locale.actor("coordinator"), since=None)
    assert report.total == 0 and report.timeliness.overall.median is None


# Sign-in, the memberships bringing the agreement check (4); the settings (1); the rows for the summary (1); the page's
# count and rows (2); the audit event (4 with its savepoint).
REPORT_QUERIES = 12


def test_the_page_runs_a_fixed_number_of_queries(locale, breaches, django_assert_num_queries):
    client = locale.client("coordinator")
    with django_assert_num_queries(REPORT_QUERIES + audit_lock_queries(1)):
        client.get(reverse("perpetrators:breach_report"))
    for hours in range(1, 30):
        respond(breach_of(breaches, agency=locale.police), agency=locale.police, hours=hours)
    with django_assert_num_queries(REPORT_QUERIES + audit_lock_queries(1)):
        client.get(reverse("perpetrators:breach_report"))


def test_a_period_not_offered_falls_back_to_twelve_months(locale, breaches):
    response = locale.client("coordinator").get(reverse("perpetrators:breach_report"), {"period": "99"})
    text = html.unescape(response.content.decode())
    assert response.status_code == 200 and "8 breaches reported since" in text
