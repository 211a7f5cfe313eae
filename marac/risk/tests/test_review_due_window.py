"""The list holds reviews overdue or due within seven days, soonest first, overdue ones flagged."""

import datetime as dt

import pytest
from django.utils import timezone

from marac.risk.models import ReviewEvent, ReviewTrigger
from marac.risk.review_selectors import reviews_due
from marac.risk.tests.review_factories import make_assessment, make_case
from marac.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def case_due(locale, due: dt.datetime):
    case = make_case(locale)
    make_assessment(case, level="high", agency=locale.police, assessed_at=due - 7 * DAY, next_review_due=due)
    return case


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def cases(locale, now):
    return {
        "in_six_days": case_due(locale, now + 6 * DAY),
        "overdue_by_a_day": case_due(locale, now - DAY),
        "in_seven_days": case_due(locale, now + 7 * DAY - dt.timedelta(minutes=1)),
        "in_eight_days": case_due(locale, now + 8 * DAY),
        "overdue_by_a_month": case_due(locale, now - 30 * DAY),
        "never_assessed": make_case(locale),
    }


def test_due_within_seven_days_or_overdue_soonest_first(locale, cases, now):
    listed = list(reviews_due(actor=locale.actor("coordinator"), now=now))
    assert [case.pk for case in listed] == [
        cases[name].pk for name in ("overdue_by_a_month", "overdue_by_a_day", "in_six_days", "in_seven_days")
    ]
    assert [case.is_overdue for case in listed] == [True, True, False, False]


def test_overdue_only(locale, cases, now):
    listed = list(reviews_due(actor=locale.actor("coordinator"), overdue_only=True, now=now))
    assert [case.pk for case in listed] == [cases["overdue_by_a_month"].pk, cases["overdue_by_a_day"].pk]


def test_each_case_carries_its_open_triggers_only(locale, cases, now):
    case = cases["in_eight_days"]
    answered = ReviewTrigger.objects.create(
        case=case,
        event=ReviewEvent.SEPARATION,
        event_at=now - 40 * DAY,
        review_due=now - 40 * DAY,
        recorded_by=UserFactory(),
        agency=locale.housing,
        recorded_at=now - 40 * DAY,
        answered_by=case.assessments.get(),
    )
    incident = ReviewTrigger.objects.create(
        case=case,
        event=ReviewEvent.NEW_INCIDENT,
        event_at=now - 2 * DAY,
        review_due=now - DAY,
        recorded_by=UserFactory(),
        agency=locale.police,
        recorded_at=now - DAY,
    )
    case.next_review_due = now - DAY
    case.save()
    [listed] = [found for found in reviews_due(actor=locale.actor("coordinator"), now=now) if found.pk == case.pk]
    assert listed.open_triggers == [incident]
    assert answered not in listed.open_triggers
