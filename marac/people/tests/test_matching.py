"""Matching a named person against the people a locality knows."""

import datetime as dt

from marac.people.matching import matching_people
from marac.people.models import Alias
from marac.testing.factories import LocalityFactory, PersonFactory

DOB = dt.date(1991, 4, 12)


def test_accent_and_punctuation_insensitive(db):
    person = PersonFactory(given_name="Zoë", family_name="O'Neill", date_of_birth=DOB)
    found = matching_people(locality=person.locality, names=["zoe oneill"], date_of_birth=DOB)
    assert list(found) == [person]


def test_a_recorded_alias_matches_and_a_person_is_found_once(db):
    person = PersonFactory(given_name="Zoë", family_name="O'Neill", date_of_birth=DOB)
    Alias.objects.create(person=person, name="Zoe Marsh")
    Alias.objects.create(person=person, name="Zoe O Neill")

    found = matching_people(locality=person.locality, names=["ZOE MARSH", "Zoe O'Neill"], date_of_birth=DOB)

    assert list(found) == [person]


def test_no_match_without_the_same_date_of_birth(db):
    person = PersonFactory(given_name="Zoë", family_name="O'Neill", date_of_birth=DOB)
    assert not matching_people(locality=person.locality, names=["Zoë O'Neill"], date_of_birth=None).exists()
    assert not matching_people(
        locality=person.locality, names=["Zoë O'Neill"], date_of_birth=dt.date(1991, 4, 13)
    ).exists()


def test_no_match_in_another_locality(db):
    PersonFactory(given_name="Zoë", family_name="O'Neill", date_of_birth=DOB)
    assert not matching_people(locality=LocalityFactory(), names=["Zoë O'Neill"], date_of_birth=DOB).exists()
