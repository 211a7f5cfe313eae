"""People search through the API is the pages' subject access search: the coordinator's, within her locality and
her access, narrowed by date of birth, and recorded with the people it showed."""

import datetime as dt

import pytest

from marac.access.tests.world import build_world
from marac.agencies.models import Role
from marac.api.tests.factories import system_client
from marac.audit.models import AuditEvent

SCOPES = ["person.subject_access"]


@pytest.fixture
def world(locale):
    world = build_world(locale)
    victim = world.case.victim
    victim.given_name, victim.family_name, victim.date_of_birth = "Ilona", "Marsh", dt.date(1991, 4, 12)
    victim.save()
    return world


@pytest.fixture
def coordinator(locale):
    return system_client(locale.idva_service, Role.COORDINATOR, SCOPES)


def test_the_coordinator_finds_a_victim_by_name_and_date_of_birth(world, coordinator):
    found = coordinator.get("/api/v1/people/", {"name": "marsh", "date_of_birth": "1991-04-12"}).json()
    assert [(p["id"], p["family_name"], p["victim_case_count"]) for p in found["results"]] == [
        (world.case.victim.pk, "Marsh", 1)
    ]
    other_day = coordinator.get("/api/v1/people/", {"name": "marsh", "date_of_birth": "1991-04-13"}).json()
    assert other_day["count"] == 0


def test_the_search_is_recorded_with_the_people_shown(world, coordinator):
    coordinator.get("/api/v1/people/", {"name": "Marsh"})
    event = AuditEvent.objects.get(summary="Searched people for subject access")
    assert event.detail["ids"] == [world.case.victim.pk]


def test_without_a_name_no_one_is_found_as_on_the_page(world, coordinator):
    response = coordinator.get("/api/v1/people/", {"date_of_birth": "1991-04-12"})
    assert (response.status_code, response.json()["count"]) == (200, 0)
    too_long = coordinator.get("/api/v1/people/", {"name": "x" * 201})
    assert (too_long.status_code, list(too_long.json())) == (400, ["name"])


def test_another_localitys_coordinator_finds_no_one(world, other_locale):
    other = system_client(other_locale.idva_service, Role.COORDINATOR, SCOPES)
    assert other.get("/api/v1/people/", {"name": "Marsh"}).json()["count"] == 0


@pytest.mark.parametrize("persona", ["housing_rep", "idva", "chair", "police_referrer"])
def test_no_other_role_searches_people_as_on_the_pages(world, locale, persona):
    assert locale.client(persona).get("/api/v1/people/", {"name": "Marsh"}).status_code == 404
