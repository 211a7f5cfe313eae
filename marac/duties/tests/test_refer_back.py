"""Choosing to refer back makes a repeat referral on the case, as the repeat rule makes one, and meets the duty."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.duties.models import Duty, DutyStatus, EventKind
from marac.duties.services import duty_refer_back
from marac.duties.tests.factories import duty_on
from marac.duties.tests.helpers import known_case, text_of
from marac.referrals.models import CaseStatus, Consent, Referral, TriageStatus
from marac.referrals.services import referral_create
from marac.referrals.tests.factories import referral_input, victim

pytestmark = pytest.mark.django_db


def test_referring_back_makes_a_repeat_referral_that_waits_for_triage(locale):
    s = known_case(locale)
    duty = duty_on(s.case, agency=locale.housing, note="She said he broke in through the back door on Sunday.")
    client = locale.client("housing_rep")

    response = client.post(
        reverse("duties:refer", args=[duty.pk]), {"note": "Our repairs team found the door forced."}, follow=True
    )

    referral = Referral.objects.exclude(pk=s.referral.pk).get()
    assert response.redirect_chain[-1][0] == reverse("duties:detail", args=[duty.pk])
    assert f"Case {s.case.reference} is referred back." in text_of(response)
    assert referral.case == s.case and referral.is_repeat and referral.previous_referral == s.referral
    assert referral.criteria_met == ["Repeat"]
    assert referral.referring_agency == locale.housing
    assert referral.referred_by == locale.memberships["housing_rep"].user
    assert referral.triage_status == TriageStatus.PENDING
    assert referral.consent == Consent.NOT_SOUGHT and "referral-back duty" in referral.sharing_without_consent_reason
    assert "Referred back by Riverside Housing" in referral.risk_summary
    assert "broke in through the back door" in referral.risk_summary
    assert "Our repairs team found the door forced." in referral.risk_summary
    assert referral.submitted_details["victim"]["person_id"] == s.victim.pk
    assert [entry["person_id"] for entry in referral.submitted_details["perpetrators"]] == [s.perpetrator.pk]
    assert referral.children_in_household == s.referral.children_in_household
    duty.refresh_from_db()
    assert duty.status == DutyStatus.REFERRED and duty.referral == referral
    assert duty.answered_by == locale.memberships["housing_rep"].user
    s.case.refresh_from_db()
    # A monitored case goes back to triage, as any repeat referral's would.
    assert s.case.status == CaseStatus.REFERRED and s.case.last_referred_at == referral.referred_at
    made = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="referrals.referral")
    assert made.case_id == s.case.pk and made.detail["duty"] == duty.pk
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="duties.duty", object_id=str(duty.pk))


def test_the_referral_meets_every_duty_the_agency_has_open_on_the_case(locale):
    s = known_case(locale)
    first = duty_on(s.case, agency=locale.housing)
    second = duty_on(s.case, agency=locale.housing, kind=EventKind.VICTIM_MOVED, note="Moved to her mother's.")
    police = duty_on(s.case, agency=locale.police, kind=EventKind.NEW_INCIDENT)
    referral = duty_refer_back(actor=locale.actor("housing_rep"), duty=first)
    assert {duty.pk: (duty.status, duty.referral_id) for duty in Duty.objects.all()} == {
        first.pk: (DutyStatus.REFERRED, referral.pk),
        second.pk: (DutyStatus.REFERRED, referral.pk),
        police.pk: (DutyStatus.OPEN, None),
    }


def test_a_duty_is_answered_once(locale):
    s = known_case(locale)
    duty = duty_on(s.case, agency=locale.housing)
    duty_refer_back(actor=locale.actor("housing_rep"), duty=duty)
    with pytest.raises(ValidationError, match="already been answered"):
        duty_refer_back(actor=locale.actor("housing_rep"), duty=duty)
    response = locale.client("housing_rep").post(reverse("duties:refer", args=[duty.pk]), {"note": ""})
    assert "This duty has already been answered." in text_of(response)
    assert Referral.objects.count() == 2


def test_only_the_agency_that_owes_the_duty_refers_back(locale):
    s = known_case(locale)
    duty = duty_on(s.case, agency=locale.housing)
    with pytest.raises(PermissionDenied):
        duty_refer_back(actor=locale.actor("police_rep"), duty=duty)
    with pytest.raises(PermissionDenied):
        duty_refer_back(actor=locale.actor("chair"), duty=duty)
    assert locale.client("police_rep").post(reverse("duties:refer", args=[duty.pk]), {}).status_code == 404
    assert locale.client("coordinator").post(reverse("duties:refer", args=[duty.pk]), {}).status_code == 404
    assert Referral.objects.count() == 1


def test_past_the_repeat_window_it_is_a_new_referral_not_a_referral_back(locale):
    s = known_case(locale)
    duty = duty_on(s.case, agency=locale.housing)
    Referral.objects.filter(pk=s.referral.pk).update(referred_at=timezone.now().replace(year=timezone.now().year - 2))
    with pytest.raises(ValidationError, match="make it with the referral form"):
        duty_refer_back(actor=locale.actor("housing_rep"), duty=duty)
    assert Referral.objects.count() == 1
    assert Duty.objects.get().status == DutyStatus.OPEN


def test_the_referral_form_meets_the_agencys_open_duties(locale):
    """Any referral the agency makes on the case meets its duty: the referral form as well as the duty's button."""
    s = known_case(locale)
    details = victim(
        given_name=s.victim.given_name, family_name=s.victim.family_name, date_of_birth=s.victim.date_of_birth
    )
    duty = duty_on(s.case, agency=locale.housing)
    outcome = referral_create(actor=locale.actor("housing_rep"), data=referral_input(victim=details))
    assert outcome.case == s.case and outcome.referral.is_repeat
    duty.refresh_from_db()
    assert duty.status == DutyStatus.REFERRED and duty.referral == outcome.referral
