"""The pages and the scoring cost the same number of queries however many perpetrators and incidents there are."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.incidents.models import Gravity, IncidentType
from marac.rfgv.rules import settings_for
from marac.rfgv.scoring import explain, rank_serial_perpetrators, score_people
from marac.rfgv.tests.helpers import incident, person
from marac.testing.queries import audit_lock_queries

pytestmark = pytest.mark.django_db

RANKING = reverse("rfgv:ranking")
# The signed-in request: session, user, authenticator, membership (with its sharing agreement).
SIGNED_IN = 4
# An audit event: savepoint, last hash, insert, release (and the chain's lock on PostgreSQL).
AUDIT = 4


def _serial_perpetrators(locale, count: int, *, stem: str) -> list:
    found = []
    for number in range(count):
        someone = person(locale, f"{stem}{number}", "Synthetic", born=None if number % 3 == 0 else dt.date(1980, 1, 1))
        for victim_number in range(2 + number % 3):
            incident(
                locale,
                someone,
                person(locale, f"{stem}{number}Victim{victim_number}", "Synthetic"),
                timezone.now() - dt.timedelta(days=30 + victim_number),
                IncidentType.PHYSICAL,
                Gravity.SERIOUS,
                agency=locale.police if victim_number % 2 else locale.housing,
            )
        found.append(someone)
    return found


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["coordinator", "chair"])
def test_the_ranking_page_costs_the_same_for_one_perpetrator_and_thirty(locale, persona, django_assert_num_queries):
    settings_for(locale.locality)
    client = locale.client(persona)
    _serial_perpetrators(locale, 1, stem="One")
    one = _queries(client, RANKING)
    _serial_perpetrators(locale, 29, stem="Many")
    assert _queries(client, RANKING) == one
    # The settings, the scores, the page's people, the audit of the list; the perpetrators hidden by the "must not
    # see" list are looked for only for someone on it.
    with django_assert_num_queries(SIGNED_IN + 3 + AUDIT + audit_lock_queries(1)):
        body = client.get(RANKING).content.decode()
    assert "30 serial perpetrators" in body


@pytest.mark.parametrize("persona", ["coordinator", "chair"])
def test_the_explanation_costs_the_same_for_two_incidents_and_forty(locale, persona, django_assert_num_queries):
    settings_for(locale.locality)
    client = locale.client(persona)
    (someone,) = _serial_perpetrators(locale, 1, stem="Few")
    url = reverse("rfgv:explanation", kwargs={"person_pk": someone.pk})
    few = _queries(client, url)
    for number in range(38):
        incident(
            locale,
            someone,
            person(locale, f"More{number}", "Victim"),
            timezone.now() - dt.timedelta(days=40 + number),
            IncidentType.THREATS if number % 2 else IncidentType.STALKING,
            Gravity.MODERATE,
        )
    assert _queries(client, url) == few
    # The person, the settings, the score, the gravity breakdown, the incidents (none for the chair, who reads no
    # incident records), the audit of the view; no one here is on a "must not see" list, so no hidden people.
    reads = 5 if persona == "coordinator" else 4
    with django_assert_num_queries(SIGNED_IN + reads + AUDIT + audit_lock_queries(1)):
        body = client.get(url).content.decode()
    assert "40 incidents in the last 36 months" in body


def test_the_settings_page_costs_a_fixed_number_of_queries(locale, django_assert_num_queries):
    settings_for(locale.locality)
    client = locale.client("admin")
    # The settings.
    with django_assert_num_queries(SIGNED_IN + 1):
        client.get(reverse("rfgv:settings"))


def test_scoring_is_one_query_for_the_settings_and_one_for_the_scores(locale, django_assert_num_queries):
    settings_for(locale.locality)
    people = _serial_perpetrators(locale, 25, stem="Set")
    with django_assert_num_queries(2):
        ranked = rank_serial_perpetrators(locality=locale.locality)
    assert len(ranked) == 25
    with django_assert_num_queries(2):
        scores = score_people(locality=locale.locality, person_ids=[someone.pk for someone in people])
    assert len(scores) == 25
    # The explanation of one score: the settings and the gravity breakdown.
    with django_assert_num_queries(2):
        explain(ranked[0], locality=locale.locality)
