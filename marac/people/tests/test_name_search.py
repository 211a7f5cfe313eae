"""A name is found as typed, or with one typing mistake in a word; the same people on SQLite and PostgreSQL."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.urls import reverse

from marac.incidents.tests.factories import IncidentFactory
from marac.people import search
from marac.people.models import Alias
from marac.people.name_search import whole_word_pattern
from marac.people.search import search_people
from marac.testing.factories import PersonFactory


@pytest.mark.parametrize(
    "typed",
    [
        "kowalska",  # as written
        "kowlska",  # a letter dropped
        "kowallska",  # a letter doubled
        "kowelska",  # a letter replaced
        "kowalksa",  # two letters swapped
        "okwalska",  # the first two swapped
        "kowalskaa",  # a letter added at the end
        "owalska",  # the first letter dropped
    ],
)
def test_one_mistake_in_a_word_still_matches_it(typed):
    assert re.search(whole_word_pattern(typed), "dorota kowalska")


@pytest.mark.parametrize("typed", ["kowlaksa", "kwalsak", "kowalskiego", "owalsk"])
def test_two_mistakes_do_not_match(typed):
    assert not re.search(whole_word_pattern(typed), "dorota kowalska")


def test_the_word_must_be_a_whole_word_of_the_name():
    assert not re.search(whole_word_pattern("lewis"), "anna lewisham")
    assert re.search(whole_word_pattern("lewis"), "anna lewis smith")


def _people_in_incidents(locale, *names):
    people = []
    for given, family in names:
        person = PersonFactory(locality=locale.locality, given_name=given, family_name=family)
        IncidentFactory(locality=locale.locality, victim=person)
        people.append(person)
    return people


def _names(found):
    return [(person.full_name, person.spelt_as_typed) for person in found.people]


@pytest.mark.django_db
def test_the_names_spelt_as_typed_come_first_then_those_a_mistake_away(locale):
    _people_in_incidents(locale, ("Dorota", "Kowalska"), ("Anna", "Kowalsky"), ("Ewa", "Kowalczyk"), ("Lena", "Nowak"))
    actor = locale.actor("coordinator")
    assert _names(search_people(actor=actor, query="Kowalsky")) == [
        ("Anna Kowalsky", True),
        ("Dorota Kowalska", False),
    ]
    assert _names(search_people(actor=actor, query="kowlaska")) == [("Dorota Kowalska", False)]


@pytest.mark.django_db
def test_every_word_typed_must_match_a_word_of_the_name(locale):
    _people_in_incidents(locale, ("Dorota", "Kowalska"), ("Dorota", "Nowak"), ("Anna", "Kowalska"))
    actor = locale.actor("coordinator")
    assert _names(search_people(actor=actor, query="Dorotta Kowalksa")) == [("Dorota Kowalska", False)]
    # A short word beside a long one is the start of a word of the name.
    assert _names(search_people(actor=actor, query="do kowalksa")) == [("Dorota Kowalska", False)]


@pytest.mark.django_db
def test_short_words_are_taken_as_typed(locale):
    _people_in_incidents(locale, ("Mei", "Lee"), ("Sun", "Lea"))
    actor = locale.actor("coordinator")
    assert _names(search_people(actor=actor, query="Lee")) == [("Mei Lee", True)]


@pytest.mark.django_db
def test_another_name_with_a_mistake_finds_the_person(locale):
    (person,) = _people_in_incidents(locale, ("Dorota", "Kowalska"))
    Alias.objects.create(person=person, name="Dora Nowicka")
    actor = locale.actor("coordinator")
    assert _names(search_people(actor=actor, query="Nowika")) == [("Dorota Kowalska", False)]
    assert _names(search_people(actor=actor, query="Nowicka")) == [("Dorota Kowalska", True)]


@pytest.mark.django_db
def test_another_localitys_people_are_not_found_by_a_near_name(locale, other_locale):
    other = PersonFactory(locality=other_locale.locality, given_name="Dorota", family_name="Kowalska")
    IncidentFactory(locality=other_locale.locality, victim=other)
    assert _names(search_people(actor=locale.actor("coordinator"), query="Kowalksa")) == []


@pytest.mark.django_db
def test_the_page_marks_the_names_spelt_differently(locale):
    _people_in_incidents(locale, ("Dorota", "Kowalska"), ("Anna", "Kowalsky"))
    page = locale.client("coordinator").get(reverse("people:subject_access_find"), {"q": "Kowalsky"}).content.decode()
    assert page.count("Spelt differently") == 2  # the explanation and Dorota's row
    assert page.index("Anna Kowalsky") < page.index("Dorota Kowalska")


@pytest.mark.django_db
def test_a_search_matching_more_than_the_limit_lists_the_first_and_says_so(locale, monkeypatch):
    monkeypatch.setattr(search, "MATCH_LIMIT", 2)
    _people_in_incidents(locale, ("Ada", "Kowalska"), ("Bea", "Kowalska"), ("Cora", "Kowalska"))
    found = search_people(actor=locale.actor("coordinator"), query="Kowalska")
    assert found.incomplete and _names(found) == [("Ada Kowalska", True), ("Bea Kowalska", True)]
    page = locale.client("coordinator").get(reverse("people:subject_access_find"), {"q": "Kowalska"}).content.decode()
    assert "More than 2 people match" in page
    assert not search_people(actor=locale.actor("coordinator"), query="Ada Kowalska").incomplete


@pytest.mark.django_db
def test_postgresql_finds_names_through_a_trigram_index():
    if connection.vendor != "postgresql":
        pytest.skip("the trigram indexes are PostgreSQL's; SQLite reads every name")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE indexname IN "
            "('people_person_name_trigrams', 'people_alias_name_trigrams') ORDER BY tablename"
        )
        indexes = cursor.fetchall()
    assert [table for table, _definition in indexes] == ["people_alias", "people_person"]
    assert all("gin (normalised_name gin_trgm_ops)" in definition for _table, definition in indexes)


@pytest.mark.django_db
def test_a_date_of_birth_narrows_the_search_before_the_limit(locale, monkeypatch):
    monkeypatch.setattr(search, "MATCH_LIMIT", 1)
    _ada, bea = _people_in_incidents(locale, ("Ada", "Kowalska"), ("Bea", "Kowalska"))
    bea.date_of_birth = dt.date(1990, 3, 4)
    bea.save(update_fields=["date_of_birth"])
    actor = locale.actor("coordinator")
    assert search_people(actor=actor, query="Kowalska").incomplete
    found = search_people(actor=actor, query="Kowalksa", born=dt.date(1990, 3, 4))
    assert not found.incomplete and _names(found) == [("Bea Kowalska", False)]
