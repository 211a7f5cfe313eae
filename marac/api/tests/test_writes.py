"""Writes through the API go through the pages' services: a referral opens a case, a resent one returns the first,
an incident is recorded for the calling agency, and a service's refusal is a 400 by field."""

import uuid

import pytest

from marac.agencies.models import Role
from marac.api.tests.factories import system_client
from marac.incidents.models import Incident
from marac.referrals.models import Referral
from marac.referrals.tests.factories import CHECKLIST


@pytest.fixture
def police(locale):
    return system_client(locale.police, Role.REFERRER, ["incident.record", "referral.create"])


def referral_body(**overrides) -> dict:
    body = {
        "submission_token": str(uuid.uuid4()),
        "victim": {"given_name": "Priya", "family_name": "Haldane", "date_of_birth": "1990-02-14"},
        "perpetrators": [{"given_name": "Mark", "family_name": "Haldane", "relationship_to_victim": "Husband"}],
        "risk_summary": "Threatened to kill her after she asked him to leave.",
        "consent": "given",
        "safety": {"safe_to_talk": "yes"},
        "answers": {item.id: {"answer": "no"} for item in CHECKLIST.items},
        "professional_judgement": True,
        "professional_judgement_reasons": "Threats to kill; separation.",
    }
    return body | overrides


def test_a_referral_opens_a_case_and_sending_it_again_returns_it(police, locale):
    body = referral_body()
    first = police.post("/api/v1/referrals/", body, format="json")
    assert first.status_code == 201, first.json()
    again = police.post("/api/v1/referrals/", body, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    referral = Referral.objects.get()
    assert (referral.referring_agency, referral.case.locality) == (locale.police, locale.locality)
    assert first.json()["triage_status"] == "pending"


def test_a_referral_meeting_no_criterion_is_refused_by_the_service(police):
    response = police.post("/api/v1/referrals/", referral_body(professional_judgement=False), format="json")
    assert response.status_code == 400
    assert "meets none of the criteria" in response.json()["non_field_errors"][0]
    assert not Referral.objects.exists()


def test_an_incident_is_recorded_for_the_calling_agency(police, locale):
    body = {
        "occurred_at": "2026-03-01T22:15:00Z",
        "incident_type": "threats",
        "gravity": 2,
        "victim": {"given_name": "Priya", "family_name": "Haldane", "date_of_birth": "1990-02-14"},
        "summary": "Threats by text message.",
        "source_reference": "RP-2026-0042",
    }
    first = police.post("/api/v1/incidents/", body, format="json")
    assert first.status_code == 201, first.json()
    assert (first.json()["source_agency"], first.json()["victim_matched"]) == ("Riverside Police", False)
    again = police.post("/api/v1/incidents/", body, format="json")
    assert again.status_code == 400
    assert list(again.json()) == ["source_reference"]
    assert Incident.objects.get().source_agency == locale.police
