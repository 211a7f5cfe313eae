"""The next review falls due by the level of the latest assessment, on either scale, by the locality's intervals."""

import datetime as dt

import pytest
from django.utils import timezone

from marac.risk.reviews import review_due_for, review_interval
from marac.risk.scales import FIVE_LEVEL, THREE_LEVEL

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
DEFAULT_INTERVALS = {
    "extreme": dt.timedelta(hours=72),
    "high": 7 * DAY,
    "medium": 30 * DAY,
    "low": 60 * DAY,
    "standard": 60 * DAY,
    "not_appreciated": 60 * DAY,
}


@pytest.mark.parametrize("level", FIVE_LEVEL.values + THREE_LEVEL.values)
def test_locality_defaults_for_every_level_of_both_scales(locale, level):
    assert review_interval(locality=locale.locality, level=level) == DEFAULT_INTERVALS[level]


def test_review_due_counts_from_when_the_assessment_was_made(locale):
    assessed_at = timezone.make_aware(dt.datetime(2026, 5, 4, 16, 45))
    due = {
        level: review_due_for(locality=locale.locality, level=level, assessed_at=assessed_at)
        for level in ("extreme", "high", "medium", "standard")
    }
    assert due == {
        "extreme": timezone.make_aware(dt.datetime(2026, 5, 7, 16, 45)),
        "high": timezone.make_aware(dt.datetime(2026, 5, 11, 16, 45)),
        "medium": timezone.make_aware(dt.datetime(2026, 6, 3, 16, 45)),
        "standard": timezone.make_aware(dt.datetime(2026, 7, 3, 16, 45)),
    }


def test_hours_are_real_hours_and_days_are_calendar_days_across_a_change_of_the_clocks(locale, settings):
    settings.TIME_ZONE = "Europe/London"
    # The clocks go forward an hour on 29 March 2026.
    assessed_at = timezone.make_aware(dt.datetime(2026, 3, 27, 16, 45))
    extreme = review_due_for(locality=locale.locality, level="extreme", assessed_at=assessed_at)
    high = review_due_for(locality=locale.locality, level="high", assessed_at=assessed_at)
    assert extreme - assessed_at == dt.timedelta(hours=72)
    assert timezone.localtime(extreme).time() == dt.time(17, 45)
    assert timezone.localtime(high).replace(tzinfo=None) == dt.datetime(2026, 4, 3, 16, 45)


def test_changed_locality_settings_change_every_interval(locale):
    locality = locale.locality
    locality.review_hours_extreme = 24
    locality.review_days_high = 3
    locality.review_days_medium = 14
    locality.review_days_low = 90
    locality.save()
    locality.refresh_from_db()
    intervals = {level: review_interval(locality=locality, level=level) for level in DEFAULT_INTERVALS}
    assert intervals == {
        "extreme": dt.timedelta(hours=24),
        "high": 3 * DAY,
        "medium": 14 * DAY,
        "low": 90 * DAY,
        "standard": 90 * DAY,
        "not_appreciated": 90 * DAY,
    }
    assessed_at = timezone.now()
    assert review_due_for(locality=locality, level="high", assessed_at=assessed_at) == assessed_at + 3 * DAY


def test_another_locality_keeps_its_own_settings(locale, other_locale):
    other_locale.locality.review_days_high = 2
    other_locale.locality.save()
    assert review_interval(locality=other_locale.locality, level="high") == 2 * DAY
    assert review_interval(locality=locale.locality, level="high") == 7 * DAY


@pytest.mark.parametrize("level", ["", "High", "severe"])
def test_a_level_of_no_scale_is_refused_rather_than_given_the_longest_interval(locale, level):
    with pytest.raises(ValueError, match="not a risk level"):
        review_interval(locality=locale.locality, level=level)
