"""Meetings through the API: the list, an agency's agenda as its research page shows it, the full agenda for the
coordinator, and research through the research form's service, with its rules.

The world (marac/access/tests/world.py): a held meeting (police, housing, IDVA service invited) and an upcoming one,
circulated, that also invites health; the same case on both.
"""

import pytest
from django.utils import timezone

from marac.access.tests.world import build_world
from marac.agencies.models import Role
from marac.api.tests.factories import system_client
from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.models import MeetingStatus, Research
from marac.meetings.tests.factories import confirm_declarations

RESEARCHER_SCOPES = ["meeting.list", "research.submit"]


@pytest.fixture
def world(locale):
    return build_world(locale)


@pytest.fixture
def housing(locale):
    return system_client(locale.housing, Role.AGENCY_REP, RESEARCHER_SCOPES)


def research_url(world) -> str:
    return f"/api/v1/meetings/items/{world.upcoming_item.pk}/research/"


def test_the_list_gives_upcoming_meetings_and_closed_ones_apart(world, housing):
    upcoming = housing.get("/api/v1/meetings/").json()
    past = housing.get("/api/v1/meetings/?when=past").json()
    assert [(m["id"], m["status"], m["case_count"]) for m in upcoming["results"]] == [
        (world.upcoming_meeting.pk, "scheduled", 1)
    ]
    assert [(m["id"], m["status"]) for m in past["results"]] == [(world.held_meeting.pk, "closed")]


def test_an_invited_agency_gets_the_identifiers_its_research_page_shows(world, housing):
    body = housing.get(f"/api/v1/meetings/{world.upcoming_meeting.pk}/agenda/").json()
    assert (body["view"], body["may_post_research"], body["rows"]) == ("minimal", True, [])
    [listing] = body["listings"]
    victim = world.case.victim
    assert (listing["agenda_item"], listing["reference"]) == (world.upcoming_item.pk, world.case.reference)
    assert (listing["victim"]["name"], listing["own_research"]) == (victim.full_name, None)
    assert set(listing) == {
        "agenda_item",
        "position",
        "reference",
        "victim",
        "perpetrators",
        "children",
        "consent",
        "own_research",
    }
    assert AuditEvent.objects.filter(summary="Viewed the agenda", object_id=str(world.upcoming_meeting.pk)).count() == 1


def test_the_coordinator_gets_the_full_agenda_with_each_agencys_research(world, locale):
    coordinator = system_client(locale.idva_service, Role.COORDINATOR, ["meeting.list"])
    body = coordinator.get(f"/api/v1/meetings/{world.upcoming_meeting.pk}/agenda/").json()
    assert (body["view"], body["listings"]) == ("full", [])
    [row] = body["rows"]
    assert (row["case"], row["research_posted"]) == (world.case.pk, 0)
    assert [cell["agency"] for cell in row["research"]] == [
        "Riverside Domestic Abuse Service",
        "Riverside Hospital",
        "Riverside Housing",
        "Riverside Police",
    ]


def test_research_goes_through_the_forms_service_and_posting_again_replaces_it(world, housing):
    refused = housing.post(research_url(world), {"finding": "known"}, format="json")
    assert refused.status_code == 400
    assert list(refused.json()) == ["details"]
    first = housing.post(research_url(world), {"finding": "known", "details": "Tenancy warning in 2025"}, format="json")
    assert first.status_code == 200
    again = housing.post(research_url(world), {"finding": "no_trace", "details": "stray text"}, format="json")
    assert (again.json()["finding"], again.json()["details"]) == ("no_trace", "")
    assert Research.objects.get().agency.name == "Riverside Housing"
    own = housing.get(research_url(world)).json()["listing"]["own_research"]
    assert own["finding"] == "no_trace"


def test_research_is_refused_once_the_meeting_has_closed(world, housing):
    world.upcoming_meeting.status = MeetingStatus.CLOSED
    world.upcoming_meeting.save(update_fields=["status"])
    response = housing.post(research_url(world), {"finding": "no_trace"}, format="json")
    assert response.status_code == 400
    assert "has closed" in response.json()["finding"][0]
    assert not Research.objects.exists()


def test_research_past_the_deadline_is_still_taken_as_the_page_takes_it(world, housing):
    """The deadline marks research late (the research grid, the reminders); it is refused only at closing."""
    world.upcoming_meeting.research_deadline = timezone.now()
    world.upcoming_meeting.save(update_fields=["research_deadline"])
    meeting = housing.get(research_url(world)).json()["meeting"]
    assert meeting["research_deadline_passed"] is True
    assert housing.post(research_url(world), {"finding": "no_trace"}, format="json").status_code == 200


def test_in_progress_the_cases_wait_for_the_declaration(world, housing, locale):
    world.upcoming_meeting.status = MeetingStatus.IN_PROGRESS
    world.upcoming_meeting.save(update_fields=["status"])
    assert housing.get(f"/api/v1/meetings/{world.upcoming_meeting.pk}/agenda/").status_code == 409
    assert housing.post(research_url(world), {"finding": "no_trace"}, format="json").status_code == 409
    assert not Research.objects.exists()
    # The declaration is a person's: a member of housing confirming it does not open the cases to its system.
    confirm_declarations(locale, world.upcoming_meeting, "housing_rep")
    assert housing.get(research_url(world)).status_code == 409


def test_research_is_not_the_coordinators_nor_refused_records_visible(world, locale):
    """The coordinator's role holds no research.submit: her session is refused as the research page refuses her."""
    response = locale.client("coordinator").post(research_url(world), {"finding": "no_trace"}, format="json")
    assert response.status_code == 404
    user = locale.memberships["coordinator"].user
    assert AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED, summary="Lacks research.submit").exists()
