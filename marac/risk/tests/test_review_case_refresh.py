"""A case's next review is the earliest of its latest assessment's and every open trigger's; an assessment
answers the events that came before it, but a court date still to come keeps its own review."""

import datetime as dt

import pytest
from django.utils import timezone

from marac.risk.models import ReviewEvent, ReviewTrigger
from marac.risk.reviews import case_review_refresh, review_due_for
from marac.risk.tests.review_factories import make_assessment, make_case
from marac.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def add_trigger(case, agency, *, event, event_at, review_due, recorded_at) -> ReviewTrigger:
    return ReviewTrigger.objects.create(
        case=case,
        event=event,
        event_at=event_at,
        review_due=review_due,
        recorded_by=UserFactory(),
        agency=agency,
        recorded_at=recorded_at,
    )


@pytest.fixture
def case(locale):
    return make_case(locale)


def test_a_case_never_assessed_has_no_level_and_no_review(locale, case):
    case_review_refresh(case=case)
    case.refresh_from_db()
    assert (case.risk_level, case.next_review_due) == ("", None)


def test_the_latest_assessment_sets_level_and_review_even_if_entered_after_a_later_one(locale, case):
    now = timezone.now()
    latest = make_assessment(case, level="high", agency=locale.police, assessed_at=now - DAY)
    make_assessment(case, level="standard", agency=locale.health, assessed_at=now - 20 * DAY)
    case.refresh_from_db()
    assert case.risk_level == "high"
    assert case.next_review_due == latest.next_review_due
    assert latest.next_review_due == review_due_for(locality=locale.locality, level="high", assessed_at=now - DAY)


def test_an_assessment_without_a_stored_review_date_falls_back_to_the_schedule(locale, case):
    assessed_at = timezone.now() - DAY
    assessment = make_assessment(case, level="medium", agency=locale.police, assessed_at=assessed_at, refresh=False)
    type(assessment).objects.filter(pk=assessment.pk).update(next_review_due=None)
    case_review_refresh(case=case)
    case.refresh_from_db()
    assert case.next_review_due == review_due_for(locality=locale.locality, level="medium", assessed_at=assessed_at)


def test_an_open_trigger_earlier_than_the_schedule_brings_the_review_forward(locale, case):
    now = timezone.now()
    make_assessment(case, level="standard", agency=locale.police, assessed_at=now - 10 * DAY)
    add_trigger(case, locale.housing, event=ReviewEvent.SEPARATION, event_at=now - DAY, review_due=now, recorded_at=now)
    case_review_refresh(case=case)
    case.refresh_from_db()
    assert case.risk_level == "standard"
    assert case.next_review_due == now


def test_a_trigger_later_than_the_schedule_does_not_delay_the_review(locale, case):
    now = timezone.now()
    assessment = make_assessment(case, level="high", agency=locale.police, assessed_at=now - DAY)
    hearing = now + 30 * DAY
    add_trigger(
        case,
        locale.police,
        event=ReviewEvent.COURT_DATE,
        event_at=hearing,
        review_due=hearing - 2 * DAY,
        recorded_at=now,
    )
    case_review_refresh(case=case)
    case.refresh_from_db()
    assert case.next_review_due == assessment.next_review_due


def test_an_assessment_answers_the_events_that_came_before_it(locale, case):
    now = timezone.now()
    make_assessment(case, level="standard", agency=locale.police, assessed_at=now - 30 * DAY)
    incident = add_trigger(
        case,
        locale.police,
        event=ReviewEvent.NEW_INCIDENT,
        event_at=now - 3 * DAY,
        review_due=now - 2 * DAY,
        recorded_at=now - 2 * DAY,
    )
    release = add_trigger(
        case,
        locale.police,
        event=ReviewEvent.RELEASE_FROM_CUSTODY,
        event_at=now - 2 * DAY,
        review_due=now - 2 * DAY,
        recorded_at=now - 2 * DAY,
    )
    case_review_refresh(case=case)
    case.refresh_from_db()
    assert case.next_review_due == now - 2 * DAY

    review = make_assessment(case, level="medium", agency=locale.police, assessed_at=now)
    incident.refresh_from_db()
    release.refresh_from_db()
    assert incident.answered_by == review and release.answered_by == review
    assert case.risk_level == "medium"
    assert case.next_review_due == review.next_review_due


def test_a_court_date_still_to_come_keeps_its_own_review(locale, case):
    now = timezone.now()
    hearing = now + 10 * DAY
    court = add_trigger(
        case,
        locale.police,
        event=ReviewEvent.COURT_DATE,
        event_at=hearing,
        review_due=hearing - 2 * DAY,
        recorded_at=now - 5 * DAY,
    )
    make_assessment(case, level="standard", agency=locale.police, assessed_at=now)
    court.refresh_from_db()
    assert court.answered_by is None
    assert case.next_review_due == hearing - 2 * DAY


def test_an_assessment_in_the_days_before_the_hearing_answers_the_court_date(locale, case):
    now = timezone.now()
    hearing = now + DAY
    court = add_trigger(
        case,
        locale.police,
        event=ReviewEvent.COURT_DATE,
        event_at=hearing,
        review_due=hearing - 2 * DAY,
        recorded_at=now - 5 * DAY,
    )
    review = make_assessment(case, level="high", agency=locale.police, assessed_at=now)
    court.refresh_from_db()
    assert court.answered_by == review
    assert case.next_review_due == review.next_review_due


def test_a_court_date_that_passed_without_a_review_stays_overdue(locale, case):
    now = timezone.now()
    make_assessment(case, level="standard", agency=locale.police, assessed_at=now - 20 * DAY)
    hearing = now - DAY
    add_trigger(
        case,
        locale.police,
        event=ReviewEvent.COURT_DATE,
        event_at=hearing,
        review_due=hearing - 2 * DAY,
        recorded_at=now - 15 * DAY,
    )
    case_review_refresh(case=case)
    case.refresh_from_db()
    assert case.next_review_due == hearing - 2 * DAY < now


def test_a_trigger_recorded_after_the_assessment_stays_open_though_its_event_came_first(locale, case):
    now = timezone.now()
    review = make_assessment(case, level="standard", agency=locale.police, assessed_at=now - DAY)
    late_news = add_trigger(
        case, locale.housing, event=ReviewEvent.ORDER_BREACH, event_at=now - 3 * DAY, review_due=now, recorded_at=now
    )
    case_review_refresh(case=case, answered_by=review)
    late_news.refresh_from_db()
    case.refresh_from_db()
    assert late_news.answered_by is None
    assert case.next_review_due == now


def test_other_cases_triggers_are_left_alone(locale, case):
    now = timezone.now()
    other = make_case(locale)
    elsewhere = add_trigger(
        other,
        locale.police,
        event=ReviewEvent.NEW_INCIDENT,
        event_at=now - DAY,
        review_due=now - DAY,
        recorded_at=now - DAY,
    )
    review = make_assessment(case, level="high", agency=locale.police, assessed_at=now)
    elsewhere.refresh_from_db()
    assert elsewhere.answered_by is None
    assert case.next_review_due == review.next_review_due
