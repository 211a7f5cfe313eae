"""The coordinator's triage: list, list on an emergency meeting, decline, or ask for more information."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.agencies.models import AgencyType, Role
from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.models import AgendaItem, CaseOutcome, Meeting, MeetingMode, MeetingStatus
from marac.referrals.models import Case, CaseStatus, TriageStatus
from marac.referrals.services import TriageDecision, referral_triage
from marac.referrals.tests.factories import refer
from marac.testing.factories import AgencyFactory, MembershipFactory


@pytest.fixture
def referral(locale):
    return refer(locale).referral


@pytest.fixture
def meeting(locale):
    meeting = Meeting.objects.create(locality=locale.locality, scheduled_for=timezone.now() + dt.timedelta(days=10))
    meeting.invited_agencies.set([locale.police, locale.housing])
    return meeting


def triage_url(referral):
    return reverse("referrals:triage", args=[referral.pk])


def test_list_on_a_scheduled_meeting(locale, referral, meeting):
    client = locale.client("coordinator")

    response = client.post(
        triage_url(referral),
        {"decision": TriageDecision.LIST, "meeting": meeting.pk, "idva_agency": locale.idva_service.pk},
    )

    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.triage_status == TriageStatus.LISTED
    assert referral.triaged_by == locale.memberships["coordinator"].user
    item = AgendaItem.objects.get()
    assert (item.meeting, item.case, item.referral) == (meeting, referral.case, referral)
    case = Case.objects.get()
    assert case.status == CaseStatus.LISTED
    assert case.idva_agency == locale.idva_service
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(referral.pk), case=case).exists()


def test_the_meeting_choice_offers_only_meetings_that_have_not_closed(locale, referral, meeting):
    closed = Meeting.objects.create(
        locality=locale.locality, scheduled_for=timezone.now() - dt.timedelta(days=3), status=MeetingStatus.CLOSED
    )
    response = locale.client("coordinator").get(triage_url(referral))

    choices = list(response.context["form"].fields["meeting"].queryset)
    assert meeting in choices
    assert closed not in choices


def test_list_on_a_new_emergency_meeting(locale, referral):
    when = timezone.localtime() + dt.timedelta(days=1)

    locale.client("coordinator").post(
        triage_url(referral),
        {"decision": TriageDecision.EMERGENCY, "emergency_date": when.date().isoformat(), "emergency_time": "09:30"},
    )

    meeting = Meeting.objects.get()
    assert meeting.mode == MeetingMode.EMERGENCY
    assert timezone.localtime(meeting.scheduled_for).time() == dt.time(9, 30)
    assert AgendaItem.objects.get().meeting == meeting
    referral.refresh_from_db()
    assert referral.triage_status == TriageStatus.LISTED


def test_an_emergency_meeting_needs_its_date_and_time(locale, referral):
    response = locale.client("coordinator").post(triage_url(referral), {"decision": TriageDecision.EMERGENCY})

    assert "Give the date and time of the emergency meeting." in response.content.decode()
    assert not Meeting.objects.exists()


def test_declining_needs_a_reason(locale, referral):
    response = locale.client("coordinator").post(triage_url(referral), {"decision": TriageDecision.DECLINE})

    assert "Give the reason for declining" in response.content.decode()
    referral.refresh_from_db()
    assert referral.triage_status == TriageStatus.PENDING


def test_a_declined_first_referral_closes_its_case(locale, referral):
    locale.client("coordinator").post(
        triage_url(referral), {"decision": TriageDecision.DECLINE, "decline_reason": "Refer to the local IDVA service."}
    )

    referral.refresh_from_db()
    assert referral.triage_status == TriageStatus.DECLINED
    assert referral.triage_note == "Refer to the local IDVA service."
    case = Case.objects.get()
    assert case.status == CaseStatus.CLOSED
    assert case.closed_at is not None


def test_a_declined_referral_leaves_open_a_case_with_another_live_referral(locale, referral):
    refer(locale, "housing_rep")  # a repeat on the same case, still awaiting triage

    referral_triage(
        actor=locale.actor("coordinator"),
        referral=referral,
        decision=TriageDecision.DECLINE,
        decline_reason="Duplicate.",
    )

    assert Case.objects.get().status == CaseStatus.REFERRED


def test_a_declined_repeat_returns_the_case_to_what_its_meeting_made_of_it(locale, referral, meeting):
    referral_triage(actor=locale.actor("coordinator"), referral=referral, decision=TriageDecision.LIST, meeting=meeting)
    AgendaItem.objects.update(outcome=CaseOutcome.MONITORING)
    Meeting.objects.update(status=MeetingStatus.CLOSED)
    Case.objects.update(status=CaseStatus.MONITORING)
    repeat = refer(locale).referral
    assert Case.objects.get().status == CaseStatus.REFERRED

    referral_triage(
        actor=locale.actor("coordinator"),
        referral=repeat,
        decision=TriageDecision.DECLINE,
        decline_reason="No new risk.",
    )

    assert Case.objects.get().status == CaseStatus.MONITORING


def test_asking_for_more_information(locale, referral):
    client = locale.client("coordinator")
    response = client.post(triage_url(referral), {"decision": TriageDecision.MORE_INFORMATION})
    assert "Say what information the referrer needs to add." in response.content.decode()

    client.post(
        triage_url(referral),
        {"decision": TriageDecision.MORE_INFORMATION, "information_needed": "The perpetrator's date of birth."},
    )

    referral.refresh_from_db()
    assert referral.triage_status == TriageStatus.MORE_INFORMATION
    assert referral.triage_note == "The perpetrator's date of birth."
    referrer_view = locale.client("police_referrer").get(reverse("referrals:detail", args=[referral.pk]))
    assert "The perpetrator&#x27;s date of birth." in referrer_view.content.decode()


def test_a_referral_cannot_be_triaged_twice(locale, referral, meeting):
    actor = locale.actor("coordinator")
    referral_triage(actor=actor, referral=referral, decision=TriageDecision.DECLINE, decline_reason="Not MARAC.")

    with pytest.raises(ValidationError):
        referral_triage(actor=actor, referral=referral, decision=TriageDecision.LIST, meeting=meeting)
    assert not AgendaItem.objects.exists()


def test_the_only_idva_service_is_the_default(locale, referral):
    form = locale.client("coordinator").get(triage_url(referral)).context["form"]
    assert form.initial["idva_agency"] == locale.idva_service.pk


def test_a_named_idva_must_work_for_the_chosen_service(locale, referral, meeting):
    second_service = AgencyFactory(locality=locale.locality, name="Second IDVA", agency_type=AgencyType.IDVA_SERVICE)
    outsider = MembershipFactory(agency=second_service, role=Role.IDVA)
    client = locale.client("coordinator")
    data = {"decision": TriageDecision.LIST, "meeting": meeting.pk, "idva_agency": locale.idva_service.pk}

    refused = client.post(triage_url(referral), {**data, "idva": outsider.pk})
    assert "Choose an IDVA who works for" in refused.content.decode()
    assert not AgendaItem.objects.exists()

    client.post(triage_url(referral), {**data, "idva": locale.memberships["idva"].pk})
    case = Case.objects.get()
    assert (case.idva_agency, case.idva) == (locale.idva_service, locale.memberships["idva"].user)


def test_only_the_coordinator_triages(locale, referral):
    for persona in ("chair", "police_referrer", "idva", "housing_rep"):
        assert locale.client(persona).get(triage_url(referral)).status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED).count() == 4
