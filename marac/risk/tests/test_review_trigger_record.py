"""Recording an event that brings a case's review forward: validated, audited, and the case's review moved."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.models import AgendaItem, Meeting
from marac.referrals.models import CaseStatus
from marac.risk.models import ReviewEvent, ReviewTrigger
from marac.risk.review_services import review_trigger_record
from marac.risk.tests.review_factories import hear_case, make_assessment, make_case
from marac.testing.factories import ReferralFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def case(locale):
    case = make_case(locale, idva_agency=locale.idva_service)
    hear_case(locale, case, invited=[locale.police, locale.housing, locale.idva_service])
    make_assessment(case, level="standard", agency=locale.police, assessed_at=timezone.now() - 10 * DAY)
    return case


def test_an_incident_asks_for_a_review_now_and_is_audited(locale, case):
    before = timezone.now()
    trigger = review_trigger_record(
        actor=locale.actor("housing_rep"),
        case=case,
        event=ReviewEvent.NEW_INCIDENT,
        event_at=before - DAY,
        note="  Neighbours called the police after shouting.  ",
    )
    after = timezone.now()
    assert before <= trigger.review_due <= after
    assert trigger.recorded_at == trigger.review_due
    assert trigger.agency == locale.housing
    assert trigger.recorded_by == locale.memberships["housing_rep"].user
    assert trigger.note == "Neighbours called the police after shouting."
    case.refresh_from_db()
    assert case.next_review_due == trigger.review_due
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="risk.reviewtrigger")
    assert event.case_id == case.pk
    assert event.object_id == str(trigger.pk)
    assert event.detail["event"] == ReviewEvent.NEW_INCIDENT


def test_a_court_date_asks_for_a_review_before_the_hearing(locale, case):
    hearing = timezone.now() + 12 * DAY
    trigger = review_trigger_record(
        actor=locale.actor("police_rep"), case=case, event=ReviewEvent.COURT_DATE, event_at=hearing
    )
    two_days_before = timezone.localtime(hearing) - 2 * DAY
    assert trigger.review_due == two_days_before
    case.refresh_from_db()
    assert case.next_review_due == two_days_before


def test_an_event_never_delays_an_earlier_review(locale, case):
    make_assessment(case, level="high", agency=locale.police, assessed_at=timezone.now())
    case.refresh_from_db()
    scheduled = case.next_review_due
    review_trigger_record(
        actor=locale.actor("idva"), case=case, event=ReviewEvent.COURT_DATE, event_at=timezone.now() + 30 * DAY
    )
    case.refresh_from_db()
    assert case.next_review_due == scheduled


@pytest.mark.parametrize("event", [event for event in ReviewEvent.values if event != ReviewEvent.COURT_DATE])
def test_an_event_in_the_future_is_refused(locale, case, event):
    with pytest.raises(ValidationError) as refused:
        review_trigger_record(
            actor=locale.actor("coordinator"), case=case, event=event, event_at=timezone.now() + dt.timedelta(hours=1)
        )
    assert "event_at" in refused.value.message_dict
    assert not ReviewTrigger.objects.exists()


def test_a_court_date_in_the_past_is_refused(locale, case):
    with pytest.raises(ValidationError) as refused:
        review_trigger_record(
            actor=locale.actor("coordinator"),
            case=case,
            event=ReviewEvent.COURT_DATE,
            event_at=timezone.now() - dt.timedelta(minutes=5),
        )
    assert "must be in the future" in refused.value.message_dict["event_at"][0]
    assert not ReviewTrigger.objects.exists()


def test_an_unknown_event_is_refused(locale, case):
    with pytest.raises(ValidationError) as refused:
        review_trigger_record(
            actor=locale.actor("coordinator"), case=case, event="moved_house", event_at=timezone.now() - DAY
        )
    assert "event" in refused.value.message_dict
    assert not ReviewTrigger.objects.exists()


@pytest.mark.parametrize("status", [CaseStatus.CLOSED, CaseStatus.TRANSFERRED])
def test_a_closed_or_transferred_case_takes_no_events(locale, case, status):
    case.status = status
    case.save()
    with pytest.raises(ValidationError):
        review_trigger_record(
            actor=locale.actor("coordinator"), case=case, event=ReviewEvent.SEPARATION, event_at=timezone.now() - DAY
        )
    assert not ReviewTrigger.objects.exists()


@pytest.mark.parametrize("persona", ["police_referrer", "analyst", "social_care_rep", "health_rep"])
def test_who_may_not_record_is_refused(locale, case, persona):
    # Health is invited to the next meeting only, so sees identifiers, not what was shared.
    upcoming = Meeting.objects.create(locality=locale.locality, scheduled_for=timezone.now() + 7 * DAY)
    upcoming.invited_agencies.set([locale.health])
    AgendaItem.objects.create(meeting=upcoming, case=case, referral=ReferralFactory(case=case))
    with pytest.raises(PermissionDenied):
        review_trigger_record(
            actor=locale.actor(persona), case=case, event=ReviewEvent.SEPARATION, event_at=timezone.now() - DAY
        )
    assert not ReviewTrigger.objects.exists()


def test_a_case_of_another_locality_is_refused(locale, other_locale):
    elsewhere = make_case(other_locale)
    with pytest.raises(PermissionDenied):
        review_trigger_record(
            actor=locale.actor("coordinator"),
            case=elsewhere,
            event=ReviewEvent.SEPARATION,
            event_at=timezone.now() - DAY,
        )
