"""The case page reads its panels' rows without joining the case again, and the case's locality without a query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marac.access import guard, policy
from marac.actions.models import Action
from marac.referrals.case_rows import rows_on_case
from marac.referrals.tests.factories import refer
from marac.referrals.tests.helpers import add_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(locale):
    case = refer(locale).case
    add_action(locale, case, "housing", "Fit new locks")
    add_action(locale, case, "police", "Flag the address")
    return case


def test_each_row_is_given_the_case_already_read(locale, case):
    access = guard.fetch_case(locale.actor("coordinator"), case.pk, audit=False)
    queryset = policy.visible_actions(locale.actor("coordinator")).filter(case=access.case).order_by("pk")
    with CaptureQueriesContext(connection) as captured:
        actions = rows_on_case(queryset, access.case, "owner_agency")
        names = [(action.case.victim.family_name, action.owner_agency.name) for action in actions]
    assert len(captured) == 1
    assert "referrals_case" not in captured[0]["sql"].split(" FROM ")[0]  # the columns read: no case, no victim
    assert all(action.case is access.case for action in actions)
    assert names == [(case.victim.family_name, locale.housing.name), (case.victim.family_name, locale.police.name)]


def test_no_related_names_joins_nothing(locale, case):
    with CaptureQueriesContext(connection) as captured:
        actions = rows_on_case(Action.objects.filter(case=case).select_related("owner_agency"), case)
    assert len(actions) == 2
    assert "JOIN" not in captured[0]["sql"]


def test_a_limit_keeps_the_first_rows(locale, case):
    actions = rows_on_case(Action.objects.filter(case=case).order_by("pk"), case, limit=1)
    assert [action.text for action in actions] == ["Fit new locks"]


def test_the_fetched_case_has_the_actors_locality_without_a_query(locale, case):
    actor = locale.actor("coordinator")
    access = guard.fetch_case(actor, case.pk, audit=False)
    with CaptureQueriesContext(connection) as captured:
        assert access.case.locality == locale.locality
    assert len(captured) == 0
