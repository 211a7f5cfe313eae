"""One agency's token cannot read or change another agency's cases, actions, referrals, agendas, research or
imports, nor find people outside its access: 404, audited as refused.

The world (marac/access/tests/world.py): the police referred the case; police, housing and the IDVA service heard
it; housing owns its action; children's social care was never involved.
"""

import pytest

from marac.access.models import CaseExclusion
from marac.access.tests.world import build_world
from marac.actions.models import ActionStatus
from marac.agencies.models import Role
from marac.api.tests.factories import AGENCY_REP_SCOPES, bearer, issued_token, registered_client, system_client
from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.imports.tests.factories import finished_import


@pytest.fixture
def world(locale):
    return build_world(locale)


@pytest.fixture
def social_care(locale):
    return system_client(locale.childrens_social_care, Role.AGENCY_REP, AGENCY_REP_SCOPES)


@pytest.fixture
def housing(locale):
    return system_client(locale.housing, Role.AGENCY_REP, AGENCY_REP_SCOPES)


def _refusals() -> int:
    return AuditEvent.objects.filter(action=AuditAction.DENIED, summary="Not visible to actor").count()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/cases/{case}/",
        "/api/v1/actions/{action}/",
        "/api/v1/actions/{action}/updates/",
        "/api/v1/referrals/{referral}/",
    ],
)
def test_another_agencys_records_are_not_found(world, social_care, path):
    url = path.format(case=world.case.pk, action=world.action.pk, referral=world.referral.pk)
    response = social_care.get(url)
    assert response.status_code == 404
    assert _refusals() == 1


def test_another_agencys_action_cannot_be_updated(world, social_care):
    response = social_care.post(
        f"/api/v1/actions/{world.action.pk}/updates/", {"status": "done", "note": "Closed"}, format="json"
    )
    assert response.status_code == 404
    world.action.refresh_from_db()
    assert world.action.status == ActionStatus.OPEN
    assert world.action.updates.count() == 0
    assert _refusals() == 1


def test_lists_hold_nothing_of_another_agency(world, social_care):
    for path in ("/api/v1/cases/", "/api/v1/actions/", "/api/v1/referrals/", "/api/v1/incidents/"):
        body = social_care.get(path).json()
        assert (path, body["count"], body["results"]) == (path, 0, [])


def test_the_owning_agency_reads_and_updates_its_action(world, housing):
    assert housing.get(f"/api/v1/actions/{world.action.pk}/").json()["text"] == "Fit a door viewer and new locks"
    response = housing.post(
        f"/api/v1/actions/{world.action.pk}/updates/", {"status": "done", "note": "Locks fitted"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["status"] == "done"
    world.action.refresh_from_db()
    assert world.action.status == ActionStatus.DONE


def test_another_localitys_coordinator_sees_nothing(world, other_locale):
    coordinator = system_client(
        other_locale.idva_service, Role.COORDINATOR, ["action.list", "action.update", "case.list", "referral.create"]
    )
    for path in (
        f"/api/v1/cases/{world.case.pk}/",
        f"/api/v1/actions/{world.action.pk}/",
        f"/api/v1/referrals/{world.referral.pk}/",
    ):
        assert coordinator.get(path).status_code == 404
    response = coordinator.post(
        f"/api/v1/actions/{world.action.pk}/updates/", {"status": "done", "note": "x"}, format="json"
    )
    assert response.status_code == 404
    assert coordinator.get("/api/v1/cases/").json()["count"] == 0


def test_housing_sees_the_case_at_the_detail_its_pages_show(world, housing):
    """Housing heard the case (SHARED detail): its system sees the case, without the referral narrative."""
    body = housing.get(f"/api/v1/cases/{world.case.pk}/").json()
    assert (body["reference"], body["detail"], body["referrals"]) == (world.case.reference, "shared", [])


def test_an_agency_not_invited_reads_no_agenda_and_no_research(world, locale):
    social_care = system_client(locale.childrens_social_care, Role.AGENCY_REP, ["meeting.list", "research.submit"])
    research = f"/api/v1/meetings/items/{world.upcoming_item.pk}/research/"
    assert social_care.get(f"/api/v1/meetings/{world.upcoming_meeting.pk}/agenda/").status_code == 404
    assert social_care.get(research).status_code == 404
    assert social_care.post(research, {"finding": "no_trace"}, format="json").status_code == 404
    assert social_care.get("/api/v1/meetings/").json()["count"] == 0
    assert _refusals() == 3


def test_health_invited_only_next_time_reads_nothing_of_the_held_meeting(world, locale):
    health = system_client(locale.health, Role.AGENCY_REP, ["meeting.list"])
    assert health.get(f"/api/v1/meetings/{world.held_meeting.pk}/agenda/").status_code == 404


def test_another_agencys_import_cannot_be_read(world, locale):
    police_import = finished_import(agency=locale.police)
    housing = system_client(locale.housing, Role.AGENCY_REP, ["incident.import"])
    assert housing.get(f"/api/v1/incidents/imports/{police_import.pk}/").status_code == 404
    assert housing.get("/api/v1/incidents/imports/").json()["count"] == 0
    assert _refusals() == 1


def test_people_outside_the_callers_access_are_not_found(world, locale):
    """A coordinator's system barred from the case finds nobody of it; the same search finds the victim otherwise."""
    client = registered_client(locale.idva_service, Role.COORDINATOR)
    coordinator = bearer(issued_token(client, ["person.subject_access"]).text)
    name = world.case.victim.family_name
    assert coordinator.get("/api/v1/people/", {"name": name}).json()["count"] == 1
    CaseExclusion.objects.create(
        case=world.case,
        user=client.membership.user,
        reason="Related to the victim",
        added_by=world.referral.referred_by,
        added_at=world.exclusion.added_at,
    )
    assert coordinator.get("/api/v1/people/", {"name": name}).json()["count"] == 0
