"""Each case's clock at the live meeting: started once when the chair or coordinator opens it while the meeting is in
progress, stopped when the discussion is saved or the chair moves on, and shown against the locality's plan."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.live import CaseClock, ClockState
from marac.meetings.models import CaseOutcome
from marac.meetings.services import agenda_item_open, agenda_item_record_discussion, meeting_close, meeting_start
from marac.meetings.tests.factories import MeetingFactory, confirm_declarations

pytestmark = pytest.mark.django_db

CLOCK_STARTED = "Opened the case at the meeting: its clock started"


@pytest.fixture
def items(locale, meeting, list_case):
    listed = [list_case(meeting) for _ in range(3)]
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair", "coordinator")
    return listed


def open_item(client, item, **query):
    return client.get(reverse("meetings:item", kwargs={"pk": item.pk}), query)


def test_opening_a_case_starts_its_clock_once(locale, items):
    first = items[0]
    client = locale.client("chair")
    open_item(client, first)
    first.refresh_from_db()
    started = first.discussion_started_at
    assert started is not None
    assert first.discussion_ended_at is None

    open_item(client, first)
    open_item(locale.client("coordinator"), first)
    first.refresh_from_db()
    assert first.discussion_started_at == started
    events = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(first.pk), summary=CLOCK_STARTED)
    assert events.count() == 1
    assert events.get().case == first.case


def test_no_clock_before_the_meeting_starts(locale, meeting, list_case):
    item = list_case(meeting)
    open_item(locale.client("chair"), item)
    item.refresh_from_db()
    assert item.discussion_started_at is None


def test_no_clock_after_the_meeting_closes(locale, items, meeting):
    meeting_close(
        actor=locale.actor("chair"), meeting=meeting, outcomes={item.pk: CaseOutcome.MONITORING for item in items}
    )
    open_item(locale.client("chair"), items[0])
    items[0].refresh_from_db()
    assert items[0].discussion_started_at is None


@pytest.mark.parametrize("persona", ["housing_rep", "idva", "police_rep"])
def test_only_the_meetings_runners_start_a_clock(locale, items, persona):
    item = items[0]
    agenda_item_open(actor=locale.actor(persona), agenda_item=item)
    assert open_item(locale.client(persona), item).status_code == 404
    item.refresh_from_db()
    assert item.discussion_started_at is None


def test_glancing_at_another_case_during_a_discussion_starts_nothing(locale, items):
    first, _, third = items
    client = locale.client("chair")
    open_item(client, first)
    open_item(client, third)
    third.refresh_from_db()
    first.refresh_from_db()
    assert third.discussion_started_at is None
    assert first.discussion_ended_at is None


def test_moving_on_stops_the_clock_of_the_case_left_and_starts_the_next(locale, items):
    first, second, _ = items
    client = locale.client("chair")
    open_item(client, first)
    open_item(client, second, **{"from": first.pk})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.discussion_ended_at is not None
    assert second.discussion_started_at is not None
    assert second.discussion_started_at >= first.discussion_ended_at
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_id=str(first.pk), summary__startswith="Moved on to the next case"
    ).exists()


def test_a_case_of_another_meeting_is_not_stopped_by_moving_on(locale, items, list_case):
    elsewhere = list_case(MeetingFactory(locality=locale.locality))
    elsewhere.discussion_started_at = timezone.now()
    elsewhere.save()
    open_item(locale.client("chair"), items[0], **{"from": elsewhere.pk})
    elsewhere.refresh_from_db()
    assert elsewhere.discussion_ended_at is None


def test_saving_the_discussion_stops_the_clock_and_saving_again_does_not_move_it(locale, items):
    first = items[0]
    open_item(locale.client("chair"), first)
    first.refresh_from_db()
    agenda_item_record_discussion(actor=locale.actor("chair"), agenda_item=first, discussion="", risk_summary="High")
    first.refresh_from_db()
    ended = first.discussion_ended_at
    assert ended is not None

    agenda_item_record_discussion(
        actor=locale.actor("chair"), agenda_item=first, discussion="More", risk_summary="High"
    )
    first.refresh_from_db()
    assert first.discussion_ended_at == ended


def test_reopening_a_discussed_case_does_not_restart_its_clock(locale, items):
    first, second, _ = items
    client = locale.client("chair")
    open_item(client, first)
    first.refresh_from_db()
    agenda_item_record_discussion(actor=locale.actor("chair"), agenda_item=first, discussion="", risk_summary="High")
    open_item(client, second, **{"from": first.pk})
    open_item(client, first)
    first.refresh_from_db()
    assert first.discussion_ended_at is not None
    assert AuditEvent.objects.filter(object_id=str(first.pk), summary=CLOCK_STARTED).count() == 1


def test_closing_the_meeting_stops_a_running_clock(locale, items, meeting):
    open_item(locale.client("chair"), items[0])
    meeting_close(
        actor=locale.actor("chair"), meeting=meeting, outcomes={item.pk: CaseOutcome.MONITORING for item in items}
    )
    items[0].refresh_from_db()
    meeting.refresh_from_db()
    assert items[0].discussion_ended_at == meeting.closed_at


def test_the_case_page_renders_the_clock_for_its_script(locale, items):
    page = open_item(locale.client("chair"), items[0]).content.decode()
    items[0].refresh_from_db()
    assert "data-case-clock" in page
    assert f'data-started="{int(items[0].discussion_started_at.timestamp())}"' in page
    assert 'data-target-minutes="12"' in page
    assert 'data-limit-minutes="15"' in page
    assert "0 min of 12" in page
    assert 'role="timer"' in page


def test_a_stopped_clock_no_longer_ticks(locale, items):
    first = items[0]
    open_item(locale.client("chair"), first)
    first.refresh_from_db()
    agenda_item_record_discussion(actor=locale.actor("chair"), agenda_item=first, discussion="", risk_summary="High")
    page = open_item(locale.client("chair"), first).content.decode()
    assert "data-case-clock" not in page
    assert "The discussion of this case has ended." in page


@pytest.mark.parametrize(
    "minutes, state, tag",
    [
        (4, ClockState.WITHIN_TARGET, "govuk-tag--green"),
        (12, ClockState.WITHIN_TARGET, "govuk-tag--green"),
        (13, ClockState.PAST_TARGET, "govuk-tag--yellow"),
        (16, ClockState.PAST_LIMIT, "govuk-tag--red"),
    ],
)
def test_the_clock_changes_colour_past_the_target_and_past_the_limit(minutes, state, tag):
    now = timezone.now()
    clock = CaseClock(
        started_at=now - dt.timedelta(minutes=minutes),
        ended_at=None,
        target_minutes=12,
        limit_minutes=15,
        now=now,
    )
    assert (clock.minutes, clock.state, clock.tag_class) == (minutes, state, tag)


def test_the_page_says_when_a_case_has_run_past_its_limit(locale, items):
    first = items[0]
    first.discussion_started_at = timezone.now() - dt.timedelta(minutes=17)
    first.save()
    page = open_item(locale.client("chair"), first).content.decode()
    assert "17 min of 12, past the 15-minute limit" in page
    assert "govuk-tag--red" in page
