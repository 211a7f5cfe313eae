"""One open nomination per person: a second referral is added to the open one; the database refuses a duplicate;
once declined or exited, he may be nominated afresh."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from marac.audit.models import AuditEvent
from marac.matac.models import Nomination, NominationStatus, ScoreOccasion
from marac.matac.services.nominations import nomination_refer
from marac.matac.tests.factories import serial_perpetrator

pytestmark = pytest.mark.django_db


def _refer(locale, persona, person, **fields):
    return nomination_refer(
        actor=locale.actor(persona),
        person=person,
        source=fields.pop("source", "partner"),
        reason=fields.pop("reason", "Pattern of abuse across partners."),
        known=fields.pop("known", "Known for assaults."),
    )


def test_a_second_referral_is_added_to_the_open_nomination(locale):
    person = serial_perpetrator(locale)
    first = _refer(locale, "police_rep", person)
    second = _refer(locale, "coordinator", person)  # a partner referral from her own agency, the IDVA service
    assert not first.added_to_open and second.added_to_open
    assert second.nomination == first.nomination
    nomination = Nomination.objects.get()
    assert [referral.referring_agency for referral in nomination.referrals.order_by("pk")] == [
        locale.police,
        locale.idva_service,
    ]
    # Each referral is scored and the score kept.
    assert nomination.scores.filter(occasion=ScoreOccasion.REFERRAL).count() == 2
    assert AuditEvent.objects.filter(summary__startswith="Further referral into MATAC").count() == 1


def test_a_referral_while_he_is_on_matac_adds_to_his_nomination(locale):
    person = serial_perpetrator(locale)
    made = _refer(locale, "police_rep", person)
    Nomination.objects.filter(pk=made.nomination.pk).update(status=NominationStatus.SELECTED)
    again = _refer(locale, "coordinator", person, source="ranking")
    assert again.added_to_open and again.nomination.pk == made.nomination.pk
    assert Nomination.objects.count() == 1


@pytest.mark.parametrize("closed", [NominationStatus.DECLINED, NominationStatus.EXITED])
def test_after_a_decline_or_an_exit_he_may_be_nominated_afresh(locale, closed):
    person = serial_perpetrator(locale)
    made = _refer(locale, "police_rep", person)
    Nomination.objects.filter(pk=made.nomination.pk).update(status=closed)
    again = _refer(locale, "police_rep", person)
    assert not again.added_to_open and again.nomination.pk != made.nomination.pk
    assert Nomination.objects.filter(person=person).count() == 2


def test_the_database_refuses_a_second_open_nomination(locale):
    person = serial_perpetrator(locale)
    Nomination.objects.create(locality=locale.locality, person=person, nominated_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.create(
            locality=locale.locality, person=person, status=NominationStatus.SELECTED, nominated_at=timezone.now()
        )
    Nomination.objects.create(
        locality=locale.locality, person=person, status=NominationStatus.DECLINED, nominated_at=timezone.now()
    )
    assert Nomination.objects.filter(person=person).count() == 2
