"""Synthetic perpetrators and victims, and incidents between them on given dates, for the RFGV tests."""

import datetime as dt

from django.utils import timezone

from marac.incidents.models import Gravity, Incident, IncidentType
from marac.incidents.tests.factories import IncidentFactory
from marac.people.models import Person
from marac.testing.factories import PersonFactory

# The scoring date of the hand-checked tests: noon in Riverside on 26 November 2026 (GMT).
AS_OF = timezone.make_aware(dt.datetime(2026, 11, 26, 12, 0))


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def person(locale, given: str, family: str, born: dt.date | None = dt.date(1985, 3, 2)) -> Person:
    return PersonFactory(locality=locale.locality, given_name=given, family_name=family, date_of_birth=born)


def incident(
    locale,
    perpetrator: Person,
    victim: Person,
    when: dt.datetime,
    incident_type: str = IncidentType.PHYSICAL,
    gravity: int = Gravity.MODERATE,
    agency=None,
) -> Incident:
    return IncidentFactory(
        locality=locale.locality,
        source_agency=agency or locale.police,
        perpetrator=perpetrator,
        victim=victim,
        occurred_at=when,
        incident_type=incident_type,
        gravity=gravity,
    )
