"""The repeat rule: a further incident between the same victim and perpetrator within the repeat window of her last
referral makes one repeat referral, automatically, and tells the coordinator and the IDVA service once."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.models import AutoReferral, FlagReason, ReferralFlag
from marac.incidents.rules import incidents_evaluate
from marac.incidents.services import IncidentInput, incident_record
from marac.incidents.tests.helpers import incidents_of, scene
from marac.people.services import PersonDetails
from marac.referrals.models import CaseStatus, Consent, Referral, TriageStatus
from marac.testing.factories import PersonFactory, ReferralFactory

pytestmark = pytest.mark.django_db


def test_a_repeat_makes_one_referral_on_the_recording_agencys_behalf(locale):
    s = scene(locale)
    incident = s.incident(children_present=3)
    outcome = incidents_evaluate(incidents=incidents_of(incident))
    repeat = Referral.objects.exclude(pk=s.referral.pk).get()
    assert outcome.referrals_created == [repeat.pk]
    assert repeat.case == s.case
    assert repeat.is_repeat and repeat.criteria_met == ["Repeat"]
    assert repeat.previous_referral == s.referral
    assert repeat.referring_agency == locale.housing
    assert repeat.referred_by == locale.memberships["housing_rep"].user
    assert repeat.triage_status == TriageStatus.PENDING
    assert repeat.consent == Consent.NOT_SOUGHT and repeat.sharing_without_consent_reason
    assert repeat.children_in_household == 3
    assert repeat.submitted_details["victim"]["person_id"] == s.victim.pk
    assert [entry["person_id"] for entry in repeat.submitted_details["perpetrators"]] == [s.perpetrator.pk]
    assert "Made automatically by the repeat rule" in repeat.risk_summary
    assert incident.summary in repeat.risk_summary
    auto = AutoReferral.objects.get(referral=repeat)
    incident.refresh_from_db()
    assert incident.auto_referral == auto
    s.case.refresh_from_db()
    # A monitored case goes back to triage, as a repeat referral's would.
    assert s.case.status == CaseStatus.REFERRED
    assert s.case.last_referred_at == repeat.referred_at
    created = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="referrals.referral")
    assert created.case_id == s.case.pk and created.actor_username == "system"
    assert created.detail["incidents"] == [incident.pk]


def test_the_coordinator_and_the_idva_service_are_told_once_without_personal_data(locale):
    s = scene(locale)
    incident = s.incident()
    incidents_evaluate(incidents=incidents_of(incident))
    assert sorted(message.to[0] for message in mail.outbox) == [
        "marac@riverside.example",
        "referrals@riverside-das.example",
    ]
    for message in mail.outbox:
        text = message.subject + message.body
        for detail in (s.victim.given_name, s.victim.family_name, s.perpetrator.family_name, s.case.reference):
            assert detail not in text
        assert "repeat referral" in text
    incidents_evaluate(incidents=incidents_of(incident))
    assert len(mail.outbox) == 2
    assert Referral.objects.count() == 2


def test_evaluating_again_makes_nothing_twice(locale):
    s = scene(locale)
    incident = s.incident()
    incidents_evaluate(incidents=incidents_of(incident))
    again = incidents_evaluate(incidents=incidents_of(incident))
    assert again.referrals_created == [] and again.referrals_extended == []
    assert Referral.objects.filter(case=s.case).count() == 2


def test_several_incidents_for_one_case_make_one_referral_listing_them_all(locale):
    s = scene(locale)
    first = s.incident(days_ago=20, agency=locale.police, recorder="police_rep")
    second = s.incident(days_ago=5, summary="Followed her to work and shouted at her in the car park.")
    outcome = incidents_evaluate(incidents=incidents_of(first, second))
    assert len(outcome.referrals_created) == 1
    repeat = Referral.objects.get(pk=outcome.referrals_created[0])
    assert set(repeat.from_incidents.incidents.all()) == {first, second}
    assert "2 incidents" in repeat.risk_summary and second.summary in repeat.risk_summary
    # On behalf of the agency of the latest incident, by the person who recorded it.
    assert repeat.referring_agency == locale.housing
    assert len(mail.outbox) == 2


def test_a_later_incident_joins_the_referral_waiting_for_triage(locale):
    s = scene(locale)
    first = incidents_evaluate(incidents=incidents_of(s.incident(days_ago=6)))
    later = s.incident(days_ago=1, summary="Sent forty messages overnight.")
    outcome = incidents_evaluate(incidents=incidents_of(later))
    assert outcome.referrals_created == []
    assert outcome.referrals_extended == first.referrals_created
    repeat = Referral.objects.get(pk=first.referrals_created[0])
    assert later.summary in repeat.risk_summary
    assert repeat.from_incidents.incidents.count() == 2
    assert len(mail.outbox) == 2


def test_once_triaged_a_new_incident_makes_a_new_repeat_referral(locale):
    s = scene(locale)
    first = incidents_evaluate(incidents=incidents_of(s.incident(days_ago=6)))
    Referral.objects.filter(pk=first.referrals_created[0]).update(triage_status=TriageStatus.LISTED)
    outcome = incidents_evaluate(incidents=incidents_of(s.incident(days_ago=1)))
    assert len(outcome.referrals_created) == 1
    assert Referral.objects.get(pk=outcome.referrals_created[0]).previous_referral_id == first.referrals_created[0]


def test_outside_the_repeat_window_there_is_no_repeat(locale):
    s = scene(locale, referred_months_ago=14)
    outcome = incidents_evaluate(incidents=incidents_of(s.incident(days_ago=40)))
    assert outcome.referrals_created == []
    assert Referral.objects.count() == 1
    assert mail.outbox == []


def test_just_inside_the_repeat_window_is_a_repeat(locale):
    s = scene(locale, referred_months_ago=13)
    outcome = incidents_evaluate(incidents=incidents_of(s.incident(days_ago=40)))
    assert len(outcome.referrals_created) == 1


def test_another_perpetrator_is_not_a_repeat(locale):
    s = scene(locale)
    stranger = PersonFactory(locality=locale.locality, given_name="Kevin", family_name="Marsh")
    outcome = incidents_evaluate(incidents=incidents_of(s.incident(perpetrator=stranger)))
    assert outcome.referrals_created == []
    assert Referral.objects.count() == 1


def test_an_incident_older_than_a_referral_made_since_is_not_a_repeat(locale):
    s = scene(locale)
    ReferralFactory(case=s.case, referring_agency=locale.police, referred_at=timezone.now() - dt.timedelta(days=2))
    outcome = incidents_evaluate(incidents=incidents_of(s.incident(days_ago=10)))
    assert outcome.referrals_created == []


def test_an_incident_before_her_first_referral_is_not_a_repeat(locale):
    s = scene(locale)
    outcome = incidents_evaluate(incidents=incidents_of(s.incident(days_ago=90)))
    assert outcome.referrals_created == []


def test_a_transferred_case_takes_no_repeat_referral(locale):
    s = scene(locale, status=CaseStatus.TRANSFERRED)
    assert incidents_evaluate(incidents=incidents_of(s.incident())).referrals_created == []


def test_a_listed_case_stays_listed(locale):
    s = scene(locale, status=CaseStatus.LISTED)
    incidents_evaluate(incidents=incidents_of(s.incident()))
    s.case.refresh_from_db()
    assert s.case.status == CaseStatus.LISTED
    assert Referral.objects.filter(case=s.case, is_repeat=True).count() == 1


def test_with_nobody_known_to_have_recorded_it_the_victim_is_flagged_instead(locale):
    s = scene(locale)
    incident = s.incident(recorder=None)
    outcome = incidents_evaluate(incidents=incidents_of(incident))
    assert outcome.referrals_created == []
    flag = ReferralFlag.objects.get()
    assert (flag.person, flag.reason) == (s.victim, FlagReason.REPEAT)
    assert list(flag.incidents.all()) == [incident]
    assert incidents_evaluate(incidents=incidents_of(incident)).flags_raised == []
    assert ReferralFlag.objects.count() == 1


def test_entry_by_hand_applies_the_rule(locale):
    s = scene(locale)
    victim = s.victim
    data = IncidentInput(
        occurred_at=timezone.now() - dt.timedelta(hours=5),
        incident_type="breach",
        gravity=1,
        victim=PersonDetails(
            given_name=victim.given_name, family_name=victim.family_name, date_of_birth=victim.date_of_birth
        ),
        # The perpetrator's date of birth is not known to the agency: his name on her case is enough.
        perpetrator=PersonDetails(given_name=s.perpetrator.given_name, family_name=s.perpetrator.family_name),
        summary="Came to the house in breach of his bail conditions.",
    )
    outcome = incident_record(actor=locale.actor("health_rep"), data=data)
    assert outcome.incident.perpetrator == s.perpetrator
    assert len(outcome.rules.referrals_created) == 1
    repeat = Referral.objects.get(pk=outcome.rules.referrals_created[0])
    assert repeat.referring_agency == locale.health


def test_the_coordinator_reads_and_triages_the_repeat_referral(locale):
    s = scene(locale)
    outcome = incidents_evaluate(incidents=incidents_of(s.incident()))
    referral_id = outcome.referrals_created[0]
    client = locale.client("coordinator")
    detail = client.get(reverse("referrals:detail", args=[referral_id]))
    assert detail.status_code == 200
    assert "Made automatically by the repeat rule" in detail.content.decode()
    assert client.get(reverse("referrals:triage", args=[referral_id])).status_code == 200
    # The queue, the flag-and-tag page and the case page show it too.
    assert s.case.reference in client.get(reverse("referrals:list")).content.decode()
    assert reverse("referrals:detail", args=[referral_id]) in client.get(reverse("incidents:flags")).content.decode()
    assert client.get(reverse("referrals:case_detail", args=[s.case.pk])).status_code == 200
    # The IDVA service of the case is told in the application too; an agency not involved is not.
    assert (
        reverse("referrals:detail", args=[referral_id])
        in locale.client("idva").get(reverse("incidents:flags")).content.decode()
    )
    assert (
        reverse("referrals:detail", args=[referral_id])
        not in locale.client("health_rep").get(reverse("incidents:flags")).content.decode()
    )
