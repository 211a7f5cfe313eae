"""The ranking and the explanation pages: who may open them, what they show, the 404 for everyone and everything
else, and the audit of each read."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.access.models import CaseExclusion
from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.models import Gravity, IncidentType
from marac.referrals.models import CaseParty, PartyRole
from marac.rfgv.tests.helpers import incident, person
from marac.testing.factories import ReferralFactory

pytestmark = pytest.mark.django_db

RANKING = reverse("rfgv:ranking")


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def _explanation(person_pk: int) -> str:
    return reverse("rfgv:explanation", kwargs={"person_pk": person_pk})


@pytest.fixture
def serial(locale):
    """Marek, of unknown age, harmed Aoife (recorded by the police) and Bethan (recorded by housing) this year."""
    marek = person(locale, "Marek", "Kowalczyk", born=None)
    aoife, bethan = person(locale, "Aoife", "Brennan"), person(locale, "Bethan", "Lloyd")
    incident(locale, marek, aoife, _days_ago(20), IncidentType.STRANGULATION, Gravity.LIFE_THREATENING)
    incident(locale, marek, bethan, _days_ago(200), IncidentType.THREATS, Gravity.MODERATE, agency=locale.housing)
    return marek


@pytest.mark.parametrize("persona", ["coordinator", "chair"])
def test_the_coordinator_and_the_chair_see_the_ranking(locale, serial, persona):
    response = locale.client(persona).get(RANKING)
    text = _text(response)
    assert response.status_code == 200
    assert "Marek Kowalczyk" in text and "Age not known" in text
    assert _explanation(serial.pk) in text
    assert reverse("perpetrators:detail", kwargs={"pk": serial.pk}) in text
    assert f"{reverse('matac:nominate')}?person={serial.pk}" in text
    # Recency 10, frequency 4, gravity 9 + 2 = 11, victims 5: 30.
    row = text[text.index("Marek Kowalczyk") :]
    assert "30.00" in row
    event = AuditEvent.objects.get(action=AuditAction.LIST, actor=locale.memberships[persona].user)
    assert event.detail["ids"] == [serial.pk]
    assert event.summary == "Listed the MATAC ranking of serial perpetrators"


def test_the_ranking_is_paginated_in_rank_order(locale):
    for number in range(52):
        someone = person(locale, f"Perp{number:02d}", "Synthetic")
        # Older last incidents score less: number 0 ranks first.
        incident(locale, someone, person(locale, f"First{number}", "Victim"), _days_ago(10 + 7 * number))
        incident(locale, someone, person(locale, f"Second{number}", "Victim"), _days_ago(10 + 7 * number))
    client = locale.client("coordinator")
    first = _text(client.get(RANKING))
    assert "52 serial perpetrators" in first and "Page 1 of 2" in first
    assert "Perp00 Synthetic" in first and "Perp49 Synthetic" in first and "Perp50 Synthetic" not in first
    second = _text(client.get(RANKING, {"page": 2}))
    assert "Perp50 Synthetic" in second and "Perp51 Synthetic" in second
    assert "Perp00 Synthetic" not in second
    assert AuditEvent.objects.filter(action=AuditAction.LIST).order_by("pk").last().detail["page"] == 2


@pytest.mark.parametrize("persona", ["police_referrer", "police_rep", "idva", "analyst", "admin", "auditor"])
def test_everyone_else_gets_a_404_and_the_refusal_is_audited(locale, serial, persona):
    client = locale.client(persona)
    assert client.get(RANKING).status_code == 404
    assert client.get(_explanation(serial.pk)).status_code == 404
    user = locale.memberships[persona].user
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=user).count() == 2
    assert not AuditEvent.objects.filter(action__in=[AuditAction.LIST, AuditAction.VIEW], actor=user).exists()


def test_the_explanation_shows_each_component_and_the_incidents_that_count(locale, serial):
    response = locale.client("coordinator").get(_explanation(serial.pk))
    text = _text(response)
    assert response.status_code == 200
    assert "Serial perpetrator" in text and "Age not known" in text
    assert "band 0–3 months, 10 points × weight 1.00 = 10.00." in text
    assert "2 incidents in the last 36 months: band 2 incidents, 4 points × weight 1.00 = 4.00." in text
    assert "(6 × 1.5 = 9)" in text and "11 in all; 11 points × weight 1.00 = 11.00." in text
    assert "2 different victims in the last 36 months: band 2 different victims, 5 points" in text
    # The coordinator reads every incident of the locality: both are listed, with their points before the weight.
    assert "Aoife Brennan" in text and "Bethan Lloyd" in text and "Riverside Housing" in text
    event = AuditEvent.objects.get(action=AuditAction.VIEW, actor=locale.memberships["coordinator"].user)
    assert (event.object_type, event.object_id) == ("people.person", str(serial.pk))
    assert event.detail["total"] == "30.00" and len(event.detail["incidents"]) == 2


def test_the_chair_sees_the_explanation_but_not_the_incident_records(locale, serial):
    text = _text(locale.client("chair").get(_explanation(serial.pk)))
    assert "30.00" in text
    assert "Your role does not read incident records" in text
    assert "Aoife Brennan" not in text


def test_a_person_who_is_not_serial_is_explained_with_the_reason(locale):
    lone = person(locale, "Rhodri", "Price", born=dt.date(1990, 1, 1))
    incident(locale, lone, person(locale, "Cerys", "Jones"), _days_ago(40))
    text = _text(locale.client("coordinator").get(_explanation(lone.pk)))
    assert "Not a serial perpetrator" in text
    assert "1 different victim in the last 36 months, fewer than 2." in text


def test_a_person_of_another_locality_is_a_404(locale, other_locale):
    stranger = person(other_locale, "Marek", "Kowalczyk")
    incident(other_locale, stranger, person(other_locale, "Aoife", "Brennan"), _days_ago(20))
    response = locale.client("coordinator").get(_explanation(stranger.pk))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(
        action=AuditAction.DENIED, detail__object_type="people.person", detail__object_id=str(stranger.pk)
    ).exists()
    assert "Marek" not in _text(locale.client("coordinator").get(RANKING))


def test_a_merged_record_is_a_404(locale, serial):
    kept = person(locale, "Marek", "Kowalski")
    serial.merged_into = kept
    serial.save(update_fields=["merged_into"])
    assert locale.client("coordinator").get(_explanation(serial.pk)).status_code == 404


def test_a_reader_barred_from_a_victims_case_is_not_shown_her_abuser(locale, serial):
    aoife = serial.incidents_as_perpetrator.get(incident_type=IncidentType.STRANGULATION).victim
    referral = ReferralFactory(case__locality=locale.locality, case__victim=aoife)
    CaseExclusion.objects.create(
        case=referral.case,
        user=locale.memberships["chair"].user,
        reason="Related to the victim",
        added_by=locale.memberships["coordinator"].user,
        added_at=timezone.now(),
    )
    chair = locale.client("chair")
    assert "Marek" not in _text(chair.get(RANKING))
    assert chair.get(_explanation(serial.pk)).status_code == 404
    # The coordinator is not barred and still sees him.
    assert "Marek Kowalczyk" in _text(locale.client("coordinator").get(RANKING))


def test_a_reader_barred_from_a_case_the_perpetrator_is_on_is_not_shown_him(locale, serial):
    referral = ReferralFactory(case__locality=locale.locality)
    CaseParty.objects.create(case=referral.case, person=serial, role=PartyRole.PERPETRATOR)
    CaseExclusion.objects.create(
        case=referral.case,
        user=locale.memberships["coordinator"].user,
        reason="Knows the family",
        added_by=locale.memberships["chair"].user,
        added_at=timezone.now(),
    )
    assert "Marek" not in _text(locale.client("coordinator").get(RANKING))
    assert locale.client("coordinator").get(_explanation(serial.pk)).status_code == 404


def test_an_agency_without_a_signed_agreement_sees_no_ranking(db):
    from conftest import build_locale

    unsigned = build_locale("Eastbrook", agreement_signed=False)
    marek = person(unsigned, "Marek", "Kowalczyk")
    incident(unsigned, marek, person(unsigned, "Aoife", "Brennan"), _days_ago(20))
    incident(unsigned, marek, person(unsigned, "Bethan", "Lloyd"), _days_ago(30))
    client = unsigned.client("coordinator")
    assert "Marek" not in _text(client.get(RANKING))
    assert client.get(_explanation(marek.pk)).status_code == 404
