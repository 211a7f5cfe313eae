"""The case page and the lists run the same number of queries however much the case or the list holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marac.referrals.models import CaseParty, PartyRole
from marac.referrals.tests.factories import refer, victim
from marac.referrals.tests.helpers import add_action, add_contact, add_research, hold_meeting
from marac.testing.factories import PersonFactory
from marac.testing.queries import audit_lock_queries


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def grow_case(locale, outcome, rows: int):
    """`rows` referrals, meetings, research entries, actions, contacts and perpetrators on one case."""
    agencies = ("police", "housing", "health", "childrens_social_care", "idva_service")
    for index in range(rows):
        referral = outcome.referral if index == 0 else refer(locale).referral
        item = hold_meeting(locale, referral)
        for agency in agencies[: 1 + index % len(agencies)]:
            add_research(locale, item, agency)
        add_action(locale, outcome.case, "housing", f"Action {index}")
        add_action(locale, outcome.case, "police", f"Police action {index}")
        add_contact(locale, outcome.case, f"Contact {index}")
        CaseParty.objects.create(
            case=outcome.case, person=PersonFactory(locality=locale.locality), role=PartyRole.PERPETRATOR
        )


# Signing in (4), the case and its audit event (5), then the panels the reader's role and detail show (fewer for the
# housing representative, who sees shared detail). Pinned so that a panel that starts joining what the page already
# read (the case, its victim, its locality) shows here.
CASE_PAGE_QUERIES = {"coordinator": 28, "housing_rep": 24, "idva": 27}


@pytest.mark.parametrize("persona", ["coordinator", "housing_rep", "idva"])
def test_the_case_page_runs_a_constant_number_of_queries(locale, persona):
    small = refer(locale)
    large = refer(locale, victim=victim(given_name="Priya", family_name="Shah", aliases=[]))
    for outcome in (small, large):
        outcome.case.idva_agency = locale.idva_service
        outcome.case.save()
    grow_case(locale, small, 1)
    grow_case(locale, large, 20)
    client = locale.client(persona)

    one = count_queries(client, reverse("referrals:case_detail", args=[small.case.pk]))
    twenty = count_queries(client, reverse("referrals:case_detail", args=[large.case.pk]))

    assert one == twenty == CASE_PAGE_QUERIES[persona] + audit_lock_queries(1)


def test_the_referral_list_runs_a_constant_number_of_queries(locale, django_assert_max_num_queries):
    refer(locale)
    client = locale.client("coordinator")
    one = count_queries(client, reverse("referrals:list"))
    for index in range(19):
        refer(locale, victim=victim(given_name=f"Victim{index}", family_name="Test", aliases=[]))

    with django_assert_max_num_queries(one):
        client.get(reverse("referrals:list"))
    assert count_queries(locale.client("police_referrer"), reverse("referrals:list")) == one


def test_the_case_list_runs_a_constant_number_of_queries(locale, django_assert_max_num_queries):
    refer(locale)
    client = locale.client("coordinator")
    one = count_queries(client, reverse("referrals:case_list"))
    for index in range(19):
        refer(locale, victim=victim(given_name=f"Victim{index}", family_name="Test", aliases=[]))

    with django_assert_max_num_queries(one):
        client.get(reverse("referrals:case_list"))
