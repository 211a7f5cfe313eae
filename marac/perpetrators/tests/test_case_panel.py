"""The case page's panel: the case's orders with their conditions and end dates, breaches with the response and its
timeliness, and programmes, for readers with shared detail; the page's queries stay constant."""

import datetime as dt
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.access.tests.world import build_world
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus
from marac.perpetrators.models import OrderType, PerpetratorSettings, ResponseKind
from marac.perpetrators.tests.factories import breach_of, order_on, programme_agency, programme_for, respond
from marac.testing.factories import ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(locale):
    world = build_world(locale)
    order = order_on(world.case, owner=locale.police, ends_in_days=10, electronic_monitoring=True)
    respond(breach_of(order, agency=locale.housing), agency=locale.police, hours=2, kind=ResponseKind.CHARGE)
    order_on(world.case, owner=locale.police, order_type=OrderType.PROTECTION_ORDER, ends_in_days=None)
    return world


def _text(locale, persona, case) -> str:
    return html.unescape(locale.client(persona).get(reverse("referrals:case_detail", args=[case.pk])).content.decode())


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("coordinator", True),
        ("chair", True),
        ("idva", True),
        ("police_rep", True),
        ("housing_rep", True),
        ("health_rep", False),
    ],
)
def test_the_panel_is_shown_from_shared_detail(locale, world, persona, shown):
    text = _text(locale, persona, world.case)
    assert ("Orders, breaches and programmes" in text) is shown
    assert ("Not to go within 100 metres of 14 Willow Row." in text) is shown


def test_the_panel_shows_ending_soon_conditions_breaches_and_timeliness(locale, world):
    PerpetratorSettings.objects.create(locality=locale.locality, owner_notice_days=3, idva_notice_days=14)
    text = _text(locale, "idva", world.case)
    assert "Restraining order" in text and "Ends in 10 days" in text and "Electronic monitoring" in text
    assert "Protection order (court)" in text and "with no end date" in text
    assert "Charge" in text and "2 h 00 min" in text and "Within 24 h" in text
    # Outside a shorter IDVA window the order is simply in force.
    PerpetratorSettings.objects.filter(locality=locale.locality).update(owner_notice_days=3, idva_notice_days=7)
    assert "Ends in 10 days" not in _text(locale, "idva", world.case)


def test_the_record_buttons_follow_the_rulebook(locale, world):
    assert "Record an order" in _text(locale, "idva", world.case)
    assert "Record a programme referral" not in _text(locale, "idva", world.case)
    assert "Record a programme referral" in _text(locale, "housing_rep", world.case)
    assert "Record an order" not in _text(locale, "chair", world.case)


def _count(client, case) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("referrals:case_detail", args=[case.pk])).status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["coordinator", "housing_rep"])
def test_the_case_page_runs_as_many_queries_with_many_orders_as_with_one(locale, persona):
    """The panel adds five queries (settings, orders, their conditions, breaches, programmes), whatever the case
    holds."""
    small = ReferralFactory(case__locality=locale.locality, referring_agency=locale.police).case
    large = ReferralFactory(case__locality=locale.locality, referring_agency=locale.police).case
    held = Meeting.objects.create(
        locality=locale.locality, scheduled_for=timezone.now() - dt.timedelta(days=14), status=MeetingStatus.CLOSED
    )
    held.invited_agencies.set([locale.police, locale.housing])
    for case, rows in ((small, 1), (large, 8)):
        AgendaItem.objects.create(meeting=held, case=case, referral=case.referrals.get())
        for index in range(rows):
            order = order_on(case, owner=locale.police, ends_in_days=5 + index)
            respond(breach_of(order, agency=locale.housing), agency=locale.police, hours=index + 1)
            programme_for(case, agency=programme_agency(locale.locality))
    client = locale.client(persona)
    assert _count(client, small) == _count(client, large)
