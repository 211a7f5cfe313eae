"""An event asks for a review at once; a court date asks for one a set number of days before the hearing."""

import datetime as dt

import pytest
from django.utils import timezone

from marac.risk.models import ReviewEvent
from marac.risk.reviews import trigger_review_due

pytestmark = pytest.mark.django_db

RECORDED_AT = timezone.make_aware(dt.datetime(2026, 6, 10, 9, 30))
HEARING = timezone.make_aware(dt.datetime(2026, 6, 22, 10, 0))


@pytest.mark.parametrize("event", [event for event in ReviewEvent.values if event != ReviewEvent.COURT_DATE])
def test_any_event_but_a_court_date_asks_for_a_review_at_once(locale, event):
    happened = RECORDED_AT - dt.timedelta(days=3)
    due = trigger_review_due(locality=locale.locality, event=event, event_at=happened, recorded_at=RECORDED_AT)
    assert due == RECORDED_AT


def test_a_court_date_asks_for_a_review_two_days_before_by_default(locale):
    due = trigger_review_due(
        locality=locale.locality, event=ReviewEvent.COURT_DATE, event_at=HEARING, recorded_at=RECORDED_AT
    )
    assert due == timezone.make_aware(dt.datetime(2026, 6, 20, 10, 0))


def test_the_days_before_a_court_date_are_the_localitys_setting(locale):
    locale.locality.review_days_before_court = 5
    locale.locality.save()
    due = trigger_review_due(
        locality=locale.locality, event=ReviewEvent.COURT_DATE, event_at=HEARING, recorded_at=RECORDED_AT
    )
    assert due == timezone.make_aware(dt.datetime(2026, 6, 17, 10, 0))
