"""The home page's figures: reviews due within seven days and reviews overdue, never counting a case twice."""

import datetime as dt

import pytest
from django.utils import timezone

from marac.risk.review_selectors import reviews_due, reviews_due_count
from marac.risk.tests.review_factories import hear_case, make_assessment, make_case

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def cases(locale):
    now = timezone.now()
    for due in (now + DAY, now + 5 * DAY, now - DAY, now + 20 * DAY):
        case = make_case(locale, idva_agency=locale.idva_service)
        hear_case(locale, case, invited=[locale.police, locale.idva_service])
        make_assessment(case, level="high", agency=locale.police, assessed_at=due - 7 * DAY, next_review_due=due)
    other = make_case(locale)
    make_assessment(other, level="high", agency=locale.housing, assessed_at=now - 30 * DAY)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("coordinator", (2, 2)), ("idva", (2, 1)), ("police_rep", (2, 1)), ("housing_rep", (0, 0))],
)
def test_counts_follow_the_list_scope(locale, cases, persona, expected):
    assert reviews_due_count(actor=locale.actor(persona)) == expected


def test_counts_add_up_to_the_list(locale, cases):
    actor = locale.actor("coordinator")
    due_soon, overdue = reviews_due_count(actor=actor)
    assert due_soon + overdue == reviews_due(actor=actor).count()
    assert overdue == reviews_due(actor=actor, overdue_only=True).count()


@pytest.mark.parametrize("persona", ["police_referrer", "analyst", "admin", "auditor"])
def test_roles_that_follow_no_reviews_count_none(locale, cases, persona):
    assert reviews_due_count(actor=locale.actor(persona)) == (0, 0)
