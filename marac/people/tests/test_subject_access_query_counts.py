"""The subject access pages read a fixed number of queries however many cases and records a person has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marac.people.tests.factories import case_with_everything
from marac.referrals.models import CaseParty, PartyRole
from marac.testing.factories import CaseFactory, PersonFactory


def _queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def _more_cases(locale, everything, count: int) -> None:
    """Further cases where the same victim is victim again, and where the same perpetrator harms someone else."""
    for number in range(count):
        case_with_everything(
            locale,
            victim=everything.victim,
            perpetrator=PersonFactory(locality=locale.locality, given_name=f"P{number}"),
        )
        other = case_with_everything(
            locale,
            victim=PersonFactory(locality=locale.locality, given_name=f"V{number}"),
            perpetrator=PersonFactory(locality=locale.locality, given_name=f"Q{number}"),
        )
        CaseParty.objects.create(case=other.case, person=everything.victim, role=PartyRole.HOUSEHOLD)


@pytest.mark.django_db
def test_the_subject_access_page(locale, django_assert_max_num_queries):
    everything = case_with_everything(locale)
    client = locale.client("coordinator")
    url = reverse("people:subject_access", kwargs={"pk": everything.victim.pk})
    one = _queries(client, url)
    _more_cases(locale, everything, 4)
    with django_assert_max_num_queries(one):
        response = client.get(url)
    assert len(response.context["report"].cases) == 9


@pytest.mark.django_db
def test_the_file(locale, django_assert_max_num_queries):
    everything = case_with_everything(locale)
    client = locale.client("coordinator")
    url = reverse("people:subject_access_download", kwargs={"pk": everything.victim.pk})
    with CaptureQueriesContext(connection) as captured:
        client.post(url, {"purpose": "SAR-1"})
    _more_cases(locale, everything, 4)
    with django_assert_max_num_queries(len(captured)):
        response = client.post(url, {"purpose": "SAR-2"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_find_page(locale, django_assert_max_num_queries):
    case_with_everything(locale)
    client = locale.client("coordinator")
    url = reverse("people:subject_access_find")
    one = _queries(client, url, q="Okafor")
    for number in range(10):
        CaseFactory(
            locality=locale.locality,
            victim=PersonFactory(locality=locale.locality, given_name=f"Nia{number}", family_name="Okafor"),
        )
    with django_assert_max_num_queries(one):
        response = client.get(url, {"q": "Okafor"})
    assert len(response.context["page"].object_list) == 12
