"""Co-ordination by deadline, the coordinator's side: open it, see who posted what, summarise the risk, escalate a
case to a live meeting, and close it with outcomes."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.actions.tests.factories import ActionFactory
from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.coordination import EscalationTarget, coordination_escalate
from marac.meetings.models import AgendaItem, CaseOutcome, Meeting, MeetingMode, MeetingStatus, ResearchFinding
from marac.meetings.tests.coordination_factories import coordination_meeting
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory, ResearchFactory, confirm_declarations
from marac.testing.queries import audit_lock_queries

pytestmark = pytest.mark.django_db


def list_on(locale, meeting):
    return AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)


@pytest.fixture
def past_deadline(locale):
    """An open co-ordination whose deadline passed an hour ago; the coordinator and chair have confirmed the
    declaration."""
    meeting = coordination_meeting(locale, status=MeetingStatus.IN_PROGRESS, due_in=-dt.timedelta(hours=1))
    confirm_declarations(locale, meeting, "coordinator", "chair", "housing_rep")
    return meeting


def overview_url(meeting) -> str:
    return reverse("meetings:coordination", kwargs={"pk": meeting.pk})


def review_url(item) -> str:
    return reverse("meetings:coordination_review", kwargs={"pk": item.pk})


def escalate_url(item) -> str:
    return reverse("meetings:coordination_escalate", kwargs={"pk": item.pk})


def test_the_coordinator_opens_the_coordination(locale):
    meeting = coordination_meeting(locale, due_in=dt.timedelta(days=4))
    client = locale.client("coordinator")
    assert "Open the co-ordination" in client.get(overview_url(meeting)).content.decode()

    response = client.post(reverse("meetings:coordination_open", kwargs={"pk": meeting.pk}))

    assert response.status_code == 302
    assert response["Location"] == overview_url(meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.IN_PROGRESS


def test_a_live_meeting_is_not_opened_or_reviewed_here(locale):
    live = MeetingFactory(locality=locale.locality)
    item = list_on(locale, live)
    client = locale.client("coordinator")

    assert client.post(reverse("meetings:coordination_open", kwargs={"pk": live.pk})).status_code == 404
    assert client.get(overview_url(live)).status_code == 404
    assert client.get(review_url(item)).status_code == 404
    live.refresh_from_db()
    assert live.status == MeetingStatus.SCHEDULED


def test_the_overview_shows_updates_actions_and_who_has_not_posted(locale, past_deadline):
    item = list_on(locale, past_deadline)
    ResearchFactory(agenda_item=item, agency=locale.police, finding=ResearchFinding.KNOWN, details="Two call-outs")
    ResearchFactory(agenda_item=item, agency=locale.housing, finding=ResearchFinding.NO_TRACE)
    ActionFactory(case=item.case, agenda_item=item, owner_agency=locale.police, text="Flag the address")

    response = locale.client("coordinator").get(overview_url(past_deadline))

    review = response.context["reviews"][0]
    assert review.posted_count == 2
    assert review.not_posted == [locale.idva_service, locale.health]
    assert review.action_count == 1
    body = response.content.decode()
    assert "The deadline has passed" in body
    assert f"{locale.idva_service.name}, {locale.health.name}" in body

    page = locale.client("coordinator").get(review_url(item)).content.decode()
    assert "Two call-outs" in page
    assert "Flag the address" in page
    assert "Not posted: " in page


def test_the_overview_queries_do_not_grow_with_cases(locale, past_deadline, django_assert_max_num_queries):
    client = locale.client("coordinator")
    list_on(locale, past_deadline)
    client.get(overview_url(past_deadline))
    with django_assert_max_num_queries(20 + audit_lock_queries(2)) as one:
        client.get(overview_url(past_deadline))
    for _ in range(5):
        item = list_on(locale, past_deadline)
        ResearchFactory(agenda_item=item, agency=locale.police)
        ActionFactory(case=item.case, agenda_item=item, owner_agency=locale.housing)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(overview_url(past_deadline))
    assert len(response.context["reviews"]) == 6


def test_the_risk_summary_is_saved_and_read_by_the_agencies(locale, past_deadline):
    item = list_on(locale, past_deadline)

    response = locale.client("coordinator").post(review_url(item), {"risk_summary": "Threats to kill; weapon in home."})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.risk_summary == "Threats to kill; weapon in home."
    agency_page = locale.client("housing_rep").get(reverse("meetings:coordination_case", kwargs={"pk": item.pk}))
    assert "Threats to kill; weapon in home." in agency_page.content.decode()


def test_escalating_lists_the_case_on_the_next_live_meeting(locale, past_deadline):
    item = list_on(locale, past_deadline)
    later = MeetingFactory(locality=locale.locality, scheduled_for=timezone.now() + dt.timedelta(days=20))
    sooner = MeetingFactory(locality=locale.locality, scheduled_for=timezone.now() + dt.timedelta(days=6))
    MeetingFactory(locality=locale.locality, mode=MeetingMode.COORDINATION)

    response = locale.client("coordinator").post(escalate_url(item), {"target": EscalationTarget.NEXT_LIVE})

    assert response.status_code == 302
    assert AgendaItem.objects.filter(meeting=sooner, case=item.case).exists()
    assert not AgendaItem.objects.filter(meeting=later, case=item.case).exists()
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="meetings.agendaitem", object_id=str(item.pk))
    assert event.detail["to_meeting"] == sooner.pk
    assert str(sooner) in locale.client("coordinator").get(review_url(item)).content.decode()


def test_escalating_to_an_emergency_meeting_calls_one_with_the_case(locale, past_deadline):
    item = list_on(locale, past_deadline)
    when = timezone.localtime() + dt.timedelta(days=1)

    response = locale.client("coordinator").post(
        escalate_url(item), {"target": EscalationTarget.EMERGENCY, "emergency_at": when.strftime("%Y-%m-%dT%H:%M")}
    )

    assert response.status_code == 302
    emergency = Meeting.objects.get(mode=MeetingMode.EMERGENCY)
    assert emergency.agenda_items.get().case == item.case
    assert set(emergency.invited_agencies.all()) == set(locale.locality.agencies.filter(is_active=True))


def test_escalation_needs_a_live_meeting_or_a_future_emergency(locale, past_deadline):
    item = list_on(locale, past_deadline)
    actor = locale.actor("coordinator")

    with pytest.raises(ValidationError, match="No live meeting is scheduled"):
        coordination_escalate(actor=actor, agenda_item=item, target=EscalationTarget.NEXT_LIVE)
    with pytest.raises(ValidationError, match="must be in the future"):
        coordination_escalate(
            actor=actor,
            agenda_item=item,
            target=EscalationTarget.EMERGENCY,
            emergency_at=timezone.now() - dt.timedelta(hours=1),
        )
    response = locale.client("coordinator").post(escalate_url(item), {"target": EscalationTarget.EMERGENCY})
    assert "Enter the date and time of the emergency meeting." in response.content.decode()
    assert not Meeting.objects.exclude(pk=past_deadline.pk).exists()


def test_only_the_coordinator_escalates(locale, past_deadline):
    item = list_on(locale, past_deadline)
    MeetingFactory(locality=locale.locality, scheduled_for=timezone.now() + dt.timedelta(days=6))

    response = locale.client("chair").post(escalate_url(item), {"target": EscalationTarget.NEXT_LIVE})

    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        coordination_escalate(actor=locale.actor("chair"), agenda_item=item, target=EscalationTarget.NEXT_LIVE)
    assert AgendaItem.objects.filter(case=item.case).count() == 1


def test_the_coordination_closes_with_outcomes_through_the_meetings_close(locale, past_deadline):
    item = list_on(locale, past_deadline)

    response = locale.client("coordinator").post(
        reverse("meetings:close", kwargs={"pk": past_deadline.pk}), {f"outcome_{item.pk}": CaseOutcome.MONITORING}
    )

    assert response.status_code == 302
    past_deadline.refresh_from_db()
    item.refresh_from_db()
    assert past_deadline.status == MeetingStatus.CLOSED
    assert item.outcome == CaseOutcome.MONITORING
