"""Past the repeat window a referral is a new referral: the same person, a new case."""

import datetime as dt

from django.utils import timezone

from marac.referrals.models import Case, Referral
from marac.referrals.services import months_before
from marac.referrals.tests.factories import refer


def test_past_the_window_a_new_case_is_opened_for_the_same_person(locale):
    first = refer(locale)
    Referral.objects.filter(pk=first.referral.pk).update(
        referred_at=months_before(timezone.now(), 12) - dt.timedelta(days=1)
    )

    second = refer(locale)

    assert second.case_created
    assert second.case != first.case
    assert second.case.victim == first.case.victim
    assert not second.referral.is_repeat
    assert second.referral.previous_referral is None
    assert Case.objects.count() == 2


def test_the_window_is_the_locality_s(locale):
    locale.locality.repeat_window_months = 6
    locale.locality.save()
    first = refer(locale)
    Referral.objects.filter(pk=first.referral.pk).update(referred_at=timezone.now() - dt.timedelta(days=200))

    second = refer(locale)

    assert second.case != first.case
    assert not second.referral.is_repeat


def test_months_are_calendar_months():
    moment = dt.datetime(2026, 3, 31, 9, 30, tzinfo=dt.UTC)
    assert months_before(moment, 1) == dt.datetime(2026, 2, 28, 9, 30, tzinfo=dt.UTC)
    assert months_before(moment, 12) == dt.datetime(2025, 3, 31, 9, 30, tzinfo=dt.UTC)
    assert months_before(moment, 15) == dt.datetime(2024, 12, 31, 9, 30, tzinfo=dt.UTC)
