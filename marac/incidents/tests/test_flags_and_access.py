"""Who sees which incidents and flags ("flag and tag"), resolving a flag, and the 404 for everyone else."""

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.access.models import CaseExclusion
from marac.accounts.testing import verified_client
from marac.agencies.models import Role
from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.models import FlagResolution
from marac.incidents.tests.factories import IncidentFactory, flag_on
from marac.testing.factories import MembershipFactory, PersonFactory, ReferralFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def flagged(locale):
    """Ana was hurt three times: the police recorded two incidents, housing one. Nobody has referred her."""
    victim = PersonFactory(locality=locale.locality, given_name="Ana", family_name="Petrova")
    incidents = [
        IncidentFactory(locality=locale.locality, source_agency=agency, victim=victim, perpetrator=None)
        for agency in (locale.police, locale.police, locale.housing)
    ]
    return flag_on(victim, *incidents)


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("coordinator", True),
        ("police_rep", True),
        ("police_referrer", True),
        ("housing_rep", True),
        ("health_rep", False),
        ("social_care_rep", False),
        ("idva", False),
    ],
)
def test_a_flag_is_shown_to_the_agencies_that_recorded_its_incidents(locale, flagged, persona, sees):
    client = locale.client(persona)
    listing = _text(client.get(reverse("incidents:flags")))
    assert ("Ana Petrova" in listing) is sees
    assert client.get(reverse("incidents:flag_detail", args=[flagged.pk])).status_code == (200 if sees else 404)


def test_each_agency_reads_only_its_own_incidents_behind_the_flag(locale, flagged):
    text = _text(locale.client("housing_rep").get(reverse("incidents:flag_detail", args=[flagged.pk])))
    assert "Your agency's incidents (1 of 3)" in text
    text = _text(locale.client("coordinator").get(reverse("incidents:flag_detail", args=[flagged.pk])))
    assert "The incidents" in text and text.count("Riverside Police") >= 2


def test_the_idva_of_her_case_sees_the_flag(locale):
    referral = ReferralFactory(case__locality=locale.locality, case__idva_agency=locale.idva_service)
    incident = IncidentFactory(locality=locale.locality, source_agency=locale.police, victim=referral.case.victim)
    flag = flag_on(referral.case.victim, incident)
    assert locale.client("idva").get(reverse("incidents:flag_detail", args=[flag.pk])).status_code == 200
    # She sees the flag, not the police's incident itself.
    assert locale.client("idva").get(reverse("incidents:detail", args=[incident.pk])).status_code == 404


def test_a_user_barred_from_her_case_sees_neither_her_incidents_nor_her_flag(locale, flagged):
    referral = ReferralFactory(case__locality=locale.locality, case__victim=flagged.person)
    neighbour = MembershipFactory(agency=locale.housing, role=Role.AGENCY_REP)
    CaseExclusion.objects.create(
        case=referral.case,
        user=neighbour.user,
        reason="Neighbour",
        added_by=locale.memberships["coordinator"].user,
        added_at=timezone.now(),
    )
    client = verified_client(neighbour.user)
    assert "Petrova" not in _text(client.get(reverse("incidents:flags")))
    assert "Petrova" not in _text(client.get(reverse("incidents:list")))
    assert client.get(reverse("incidents:flag_detail", args=[flagged.pk])).status_code == 404
    housing_incident = flagged.incidents.get(source_agency=locale.housing)
    assert client.get(reverse("incidents:detail", args=[housing_incident.pk])).status_code == 404


def test_an_agency_lists_its_own_incidents_and_the_coordinator_all(locale, flagged):
    police = _text(locale.client("police_rep").get(reverse("incidents:list")))
    housing = _text(locale.client("housing_rep").get(reverse("incidents:list")))
    coordinator = _text(locale.client("coordinator").get(reverse("incidents:list")))
    assert police.count("Ana Petrova") == 2
    assert housing.count("Ana Petrova") == 1
    assert coordinator.count("Ana Petrova") == 3
    listed = AuditEvent.objects.filter(action=AuditAction.LIST, summary="Listed incidents")
    assert listed.count() == 3


def test_another_agencys_incident_is_not_found(locale, flagged):
    police_incident = flagged.incidents.filter(source_agency=locale.police).first()
    response = locale.client("housing_rep").get(reverse("incidents:detail", args=[police_incident.pk]))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, detail__object_type="incidents.incident").exists()
    assert locale.client("police_rep").get(reverse("incidents:detail", args=[police_incident.pk])).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="incidents.incident", object_id=str(police_incident.pk)
    ).exists()


@pytest.mark.parametrize("persona", ["analyst", "admin", "auditor", "chair"])
def test_roles_without_incidents_get_404(locale, flagged, persona):
    client = locale.client(persona)
    incident = flagged.incidents.first()
    for url in (
        reverse("incidents:list"),
        reverse("incidents:new"),
        reverse("incidents:detail", args=[incident.pk]),
        reverse("incidents:flags"),
        reverse("incidents:flag_detail", args=[flagged.pk]),
        reverse("incidents:flag_resolve", args=[flagged.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_another_locality_gets_404(other_locale, flagged):
    client = other_locale.client("coordinator")
    assert client.get(reverse("incidents:flag_detail", args=[flagged.pk])).status_code == 404
    assert client.get(reverse("incidents:flag_resolve", args=[flagged.pk])).status_code == 404
    assert (
        client.post(
            reverse("incidents:flag_resolve", args=[flagged.pk]), {"resolution": "not_needed", "resolution_note": "x"}
        ).status_code
        == 404
    )
    assert client.get(reverse("incidents:detail", args=[flagged.incidents.first().pk])).status_code == 404
    assert "Petrova" not in _text(client.get(reverse("incidents:flags")))
    flagged.refresh_from_db()
    assert flagged.is_open


def test_only_the_coordinator_resolves_a_flag(locale, flagged):
    assert locale.client("police_rep").get(reverse("incidents:flag_resolve", args=[flagged.pk])).status_code == 404
    client = locale.client("coordinator")
    url = reverse("incidents:flag_resolve", args=[flagged.pk])
    text = _text(client.post(url, {"resolution": "not_needed", "resolution_note": "  "}))
    assert "Say why no referral is needed." in text
    text = _text(client.post(url, {"resolution": "referred"}))
    assert "Nobody has referred this person since the flag was raised" in text
    response = client.post(
        url, {"resolution": "not_needed", "resolution_note": "Already supported by the IDVA service; risk reviewed."}
    )
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert (flagged.resolution, flagged.resolved_by) == (
        FlagResolution.NOT_NEEDED,
        locale.memberships["coordinator"].user,
    )
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="incidents.referralflag")
    assert event.detail["resolution"] == "not_needed"
    link = reverse("incidents:flag_detail", args=[flagged.pk])
    assert link not in _text(client.get(reverse("incidents:flags")))
    assert link in _text(client.get(reverse("incidents:flags") + "?show=resolved"))
    # Resolved once: again is refused.
    text = _text(client.post(url, {"resolution": "not_needed", "resolution_note": "Again"}))
    assert "This flag has already been resolved." in text


def test_resolving_as_referred_names_the_referral(locale, flagged):
    referral = ReferralFactory(case__locality=locale.locality, case__victim=flagged.person)
    client = locale.client("coordinator")
    client.post(reverse("incidents:flag_resolve", args=[flagged.pk]), {"resolution": "referred"})
    flagged.refresh_from_db()
    assert (flagged.resolution, flagged.referral) == (FlagResolution.REFERRED, referral)


def test_the_home_page_counts_the_people_flagged_for_the_agency(locale, flagged):
    home = _text(locale.client("police_rep").get(reverse("home")))
    assert "People flagged for referral (flag and tag)</a>: <strong>1</strong>" in home
    assert "People flagged for referral" not in _text(locale.client("health_rep").get(reverse("home")))
