"""The rules are set-based: evaluating many incidents runs as many queries as evaluating one."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marac.incidents.models import Gravity, Incident, IncidentType, ReferralFlag
from marac.incidents.rules import incidents_evaluate
from marac.incidents.tests.helpers import scene
from marac.people.models import Person

pytestmark = pytest.mark.django_db


def _people(locale, count: int, stem: str) -> list[Person]:
    return Person.objects.bulk_create(
        [Person(locality=locale.locality, given_name=f"{stem}{n}", family_name="Synthetic") for n in range(count)]
    )


def _incidents(locale, victims: list[Person], per_victim: int) -> list[Incident]:
    now = timezone.now()
    return Incident.objects.bulk_create(
        [
            Incident(
                locality=locale.locality,
                source_agency=locale.police,
                occurred_at=now - dt.timedelta(days=5 + 7 * n),
                incident_type=IncidentType.UNWANTED_CONTACT,
                gravity=Gravity.MINOR,
                victim=victim,
                recorded_at=now,
            )
            for victim in victims
            for n in range(per_victim)
        ]
    )


def _queries(incidents) -> int:
    with CaptureQueriesContext(connection) as queries:
        incidents_evaluate(incidents=Incident.objects.filter(pk__in=[incident.pk for incident in incidents]))
    return len(queries)


def test_no_rule_met_costs_the_same_for_one_incident_and_ten_thousand(locale):
    one = _queries(_incidents(locale, _people(locale, 1, "Solo"), 1))
    many = _queries(_incidents(locale, _people(locale, 5000, "Pair"), 2))
    assert many == one


def test_flagging_one_victim_costs_the_same_as_flagging_a_hundred(locale):
    # A hundred: the flags and their links fit one insert each within SQLite's 999 parameters. Beyond that, bulk
    # inserts go in batches (a query per batch, not per row).
    one = _queries(_incidents(locale, _people(locale, 1, "One"), 3))
    many = _queries(_incidents(locale, _people(locale, 100, "Many"), 3))
    assert many == one
    assert ReferralFlag.objects.count() == 101


def test_a_repeat_from_one_incident_costs_the_same_as_from_thirty(locale):
    first = scene(locale)
    one = _queries([first.incident(days_ago=2)])
    second = scene(locale)
    many = _queries([second.incident(days_ago=1 + n / 10) for n in range(30)])
    assert many == one
