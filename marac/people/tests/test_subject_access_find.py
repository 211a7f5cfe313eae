"""The coordinator finds a person by name, other name or case reference, among the people they may answer for."""

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.people.tests.factories import case_with_everything
from marac.testing.factories import PersonFactory


def _find(locale, query, persona="coordinator"):
    return locale.client(persona).get(reverse("people:subject_access_find"), {"q": query})


def _found(response) -> list:
    return [person.pk for person in response.context["page"].object_list]


@pytest.mark.django_db
def test_by_name_other_name_or_case_reference(locale):
    everything = case_with_everything(locale)
    assert _found(_find(locale, "amara okafor")) == [everything.victim.pk]
    assert _found(_find(locale, "Amy Oka")) == [everything.victim.pk]
    assert set(_found(_find(locale, everything.case.reference))) == {
        everything.victim.pk,
        everything.perpetrator.pk,
        everything.child.pk,
    }


@pytest.mark.django_db
def test_a_search_is_recorded_with_the_people_listed_and_not_the_words(locale):
    everything = case_with_everything(locale)
    _find(locale, "Darren")
    event = AuditEvent.objects.get(action=AuditAction.LIST, summary="Searched people for subject access")
    assert event.detail == {"ids": [everything.perpetrator.pk]}


@pytest.mark.django_db
def test_another_localitys_people_are_not_found(locale, other_locale):
    PersonFactory(locality=other_locale.locality, given_name="Amara", family_name="Okafor")
    response = _find(locale, "Amara Okafor")
    assert response.status_code == 200 and _found(response) == []


@pytest.mark.django_db
def test_a_person_seen_through_no_case_is_not_found(locale):
    PersonFactory(locality=locale.locality, given_name="Amara", family_name="Okafor")
    assert _found(_find(locale, "Amara Okafor")) == []


@pytest.mark.django_db
def test_the_empty_page_lists_no_one_and_records_nothing(locale):
    case_with_everything(locale)
    response = locale.client("coordinator").get(reverse("people:subject_access_find"))
    assert response.status_code == 200 and _found(response) == []
    assert not AuditEvent.objects.filter(action=AuditAction.LIST).exists()
