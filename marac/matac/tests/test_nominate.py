"""Nominating a perpetrator: from the ranking (coordinator and chair) or as a partner referral, scored exactly as the
ranking scores people, the score kept; refusals on bad input and for people the actor may not see."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.matac.models import Nomination, NominationReferral, ReferralSource, RfgvSnapshot, ScoreOccasion
from marac.matac.services.nominations import nomination_refer
from marac.matac.tests.factories import serial_perpetrator
from marac.rfgv.scoring import score_people
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db

REASON = "Two partners assaulted in a year; now living with a third."
KNOWN = "Police attended both addresses; bail conditions breached once."


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_partner_referral_is_scored_as_the_ranking_scores_him(locale):
    person = serial_perpetrator(locale)
    url = reverse("matac:nominate") + f"?person={person.pk}"
    client = locale.client("police_rep")
    page = _text(client.get(url))
    assert "Refer Darren Vale" in page and "Where does the nomination come from?" not in page

    response = client.post(url, {"reason": REASON, "known": KNOWN})

    nomination = Nomination.objects.get(person=person)
    assert response.status_code == 302 and response["Location"] == reverse("matac:nomination", args=[nomination.pk])
    referral = nomination.referrals.get()
    assert (referral.source, referral.referring_agency, referral.reason, referral.known) == (
        ReferralSource.PARTNER,
        locale.police,
        REASON,
        KNOWN,
    )
    kept = RfgvSnapshot.objects.get(nomination=nomination, occasion=ScoreOccasion.REFERRAL)
    assert kept.referral == referral and kept.taken_at == referral.referred_at
    ranking = score_people(locality=locale.locality, person_ids=[person.pk], as_of=kept.taken_at)[person.pk]
    assert (kept.recency, kept.frequency, kept.gravity, kept.victims, kept.total) == (
        ranking.recency,
        ranking.frequency,
        ranking.gravity,
        ranking.victims,
        ranking.total,
    )
    assert (kept.incident_count, kept.victim_count, kept.is_serial) == (3, 2, True)
    assert kept.total > 0
    events = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type__startswith="matac.")
    assert {event.object_type for event in events} == {"matac.nomination", "matac.nominationreferral"}
    referral_event = events.get(object_type="matac.nominationreferral")
    assert referral_event.detail["score"]["total"] == str(kept.total)


def test_the_coordinator_nominates_from_the_ranking(locale):
    person = serial_perpetrator(locale)
    client = locale.client("coordinator")
    url = reverse("matac:nominate") + f"?person={person.pk}"
    assert "Where does the nomination come from?" in _text(client.get(url))
    client.post(url, {"source": ReferralSource.RANKING, "reason": "Third in the ranking this month."})
    referral = NominationReferral.objects.get()
    assert referral.source == ReferralSource.RANKING and referral.known == ""
    assert referral.referring_agency == locale.idva_service  # the coordinator acts for her own agency


def test_an_agency_cannot_claim_the_ranking(locale):
    person = serial_perpetrator(locale)
    with pytest.raises(ValidationError) as refused:
        nomination_refer(actor=locale.actor("police_rep"), person=person, source=ReferralSource.RANKING, reason="x")
    assert refused.value.message_dict["source"] == ["Only the coordinator and the chair nominate from the ranking."]
    assert not Nomination.objects.exists()


def test_a_referral_needs_the_reason_and_what_the_agency_knows(locale):
    person = serial_perpetrator(locale)
    url = reverse("matac:nominate") + f"?person={person.pk}"
    page = _text(locale.client("police_rep").post(url, {"reason": "  ", "known": ""}))
    assert "Say why you refer him into MATAC." in page
    page = _text(locale.client("police_rep").post(url, {"reason": REASON, "known": "   "}))
    assert "Say what your agency knows of him and his behaviour." in page
    assert not Nomination.objects.exists() and not RfgvSnapshot.objects.exists()


def test_someone_the_agency_cannot_see_as_a_perpetrator_is_not_found(locale, other_locale):
    # Housing recorded nothing about him and sees no case of his.
    person = serial_perpetrator(locale)
    response = locale.client("housing_rep").get(reverse("matac:nominate") + f"?person={person.pk}")
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, detail__object_type="people.person").exists()
    assert (
        locale.client("housing_rep")
        .post(reverse("matac:nominate") + f"?person={person.pk}", {"reason": REASON, "known": KNOWN})
        .status_code
        == 404
    )
    # Nor is anyone of another area, even for its coordinator.
    assert other_locale.client("coordinator").get(reverse("matac:nominate") + f"?person={person.pk}").status_code == 404
    # A victim is not a perpetrator.
    victim = PersonFactory(locality=locale.locality)
    assert locale.client("coordinator").get(reverse("matac:nominate") + f"?person={victim.pk}").status_code == 404
    with pytest.raises(ValidationError) as refused:
        nomination_refer(actor=locale.actor("housing_rep"), person=person, source="partner", reason=REASON, known=KNOWN)
    assert "person" in refused.value.message_dict
    assert not Nomination.objects.exists()


def test_search_finds_only_perpetrators_the_actor_may_see(locale):
    serial_perpetrator(locale)
    serial_perpetrator(locale, given_name="Dean", family_name="Vaughan", agency=locale.housing)
    page = _text(locale.client("police_rep").get(reverse("matac:nominate"), {"name": "Va"}))
    assert "Darren Vale" in page and "Dean Vaughan" not in page
    page = _text(locale.client("coordinator").get(reverse("matac:nominate"), {"name": "Va"}))
    assert "Darren Vale" in page and "Dean Vaughan" in page
    assert AuditEvent.objects.filter(summary="Searched perpetrators to nominate for MATAC").count() == 2


@pytest.mark.parametrize("persona", ["police_referrer", "analyst", "admin", "auditor"])
def test_roles_without_matac_refer_get_404(locale, persona):
    person = serial_perpetrator(locale)
    client = locale.client(persona)
    assert client.get(reverse("matac:nominate")).status_code == 404
    assert client.get(reverse("matac:nominate") + f"?person={person.pk}").status_code == 404
