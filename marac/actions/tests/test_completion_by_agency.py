"""Completion and lateness per owner agency, counted on a small hand-built set of actions."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.actions.models import ActionStatus
from marac.actions.performance import performance_by_agency
from marac.actions.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


def at_noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def action(locale, agency, *, due: dt.date, status=ActionStatus.OPEN, completed: dt.date | None = None):
    return ActionFactory(
        case__locality=locale.locality,
        owner_agency=agency,
        due_date=due,
        status=status,
        completed_at=at_noon(completed) if completed else None,
    )


@pytest.fixture
def actions(locale):
    day = dt.timedelta(days=1)
    # Housing: one done on its due date, one done a day late, one open but overdue, one open in time.
    action(locale, locale.housing, due=TODAY - 5 * day, status=ActionStatus.DONE, completed=TODAY - 5 * day)
    action(locale, locale.housing, due=TODAY - 5 * day, status=ActionStatus.DONE, completed=TODAY - 4 * day)
    action(locale, locale.housing, due=TODAY - day, status=ActionStatus.IN_PROGRESS)
    action(locale, locale.housing, due=TODAY + day)
    # Police: one found not possible, one done early.
    action(locale, locale.police, due=TODAY, status=ActionStatus.NOT_POSSIBLE)
    action(locale, locale.police, due=TODAY + 3 * day, status=ActionStatus.DONE, completed=TODAY)


def test_counts_per_agency(locale, actions):
    rows = {row.agency_name: row for row in performance_by_agency(actor=locale.actor("coordinator"), today=TODAY)}
    housing, police = rows["Riverside Housing"], rows["Riverside Police"]
    assert (housing.total, housing.done_on_time, housing.done_late, housing.open, housing.overdue) == (4, 1, 1, 2, 1)
    assert (housing.completion_rate, housing.lateness_rate) == (100, 50)
    assert (police.total, police.done_on_time, police.not_possible, police.overdue) == (2, 1, 1, 0)
    assert (police.completion_rate, police.lateness_rate) == (50, 0)


def test_an_agency_with_nothing_finished_has_no_rates(locale):
    action(locale, locale.health, due=TODAY + dt.timedelta(days=9))
    (row,) = performance_by_agency(actor=locale.actor("coordinator"), today=TODAY)
    assert row.completion_rate is None and row.lateness_rate is None


def test_the_page_is_for_the_coordinator_and_chair_and_its_queries_do_not_grow(locale, actions):
    url = reverse("actions:performance")
    client = locale.client("coordinator")
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert "Riverside Housing" in response.content.decode()
    for _ in range(10):
        action(locale, locale.health, due=TODAY)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    assert locale.client("chair").get(url).status_code == 200
    assert locale.client("housing_rep").get(url).status_code == 404
