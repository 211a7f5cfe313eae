"""Regular meetings planned by the locality's cadence: idempotent, at local time, never overriding the coordinator."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.models import Meeting, MeetingMode
from marac.meetings.scheduling import locality_meetings_plan, regular_meetings_plan
from marac.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

# A Friday morning; the next weekday after it is Monday 4 March 2030.
FRIDAY = timezone.make_aware(dt.datetime(2030, 3, 1, 9, 0))


def local(meeting: Meeting) -> dt.datetime:
    return timezone.localtime(meeting.scheduled_for)


def regular_meetings(locality) -> list[Meeting]:
    return list(Meeting.objects.filter(locality=locality).order_by("scheduled_for"))


@pytest.fixture
def locality(locale):
    locality = locale.locality
    locality.meeting_cadence_days = 14
    locality.schedule_ahead_days = 60
    locality.meeting_time = dt.time(10, 0)
    locality.meeting_location = "Committee Room 2, Civic Centre"
    locality.save()
    return locality


def test_plans_from_the_next_weekday_every_cadence_up_to_the_horizon(locale, locality):
    planned = locality_meetings_plan(locality=locality, now=FRIDAY)

    assert [local(meeting).date() for meeting in planned] == [
        dt.date(2030, 3, 4),
        dt.date(2030, 3, 18),
        dt.date(2030, 4, 1),
        dt.date(2030, 4, 15),
        dt.date(2030, 4, 29),
    ]
    for meeting in planned:
        assert meeting.mode == MeetingMode.LIVE
        assert meeting.location == "Committee Room 2, Civic Centre"
        assert set(meeting.invited_agencies.all()) == set(locality.agencies.filter(is_active=True))
        assert meeting.research_deadline == meeting.scheduled_for - dt.timedelta(days=locality.research_deadline_days)


def test_a_second_run_plans_nothing(locality):
    first = locality_meetings_plan(locality=locality, now=FRIDAY)
    events = AuditEvent.objects.count()

    assert locality_meetings_plan(locality=locality, now=FRIDAY) == []
    assert regular_meetings(locality) == sorted(first, key=lambda meeting: meeting.scheduled_for)
    assert AuditEvent.objects.count() == events


def test_keeps_ten_oclock_local_time_across_the_change_to_summer_time(locality):
    planned = locality_meetings_plan(locality=locality, now=FRIDAY)

    winter, summer = planned[1], planned[2]  # 18 March (GMT) and 1 April (BST): the clocks change on 31 March
    assert local(winter).time() == local(summer).time() == dt.time(10, 0)
    assert winter.scheduled_for.astimezone(dt.UTC).hour == 10
    assert summer.scheduled_for.astimezone(dt.UTC).hour == 9


def test_a_locality_that_coordinates_by_default_gets_coordinations_without_a_room(locality):
    locality.coordination_by_default = True
    locality.save()

    planned = locality_meetings_plan(locality=locality, now=FRIDAY)

    assert planned
    assert {meeting.mode for meeting in planned} == {MeetingMode.COORDINATION}
    assert {meeting.location for meeting in planned} == {""}


def test_follows_on_from_the_last_regular_meeting_not_an_emergency(locale, locality):
    last = MeetingFactory(locality=locality, scheduled_for=timezone.make_aware(dt.datetime(2030, 2, 26, 13, 30)))
    MeetingFactory(
        locality=locality, mode=MeetingMode.EMERGENCY, scheduled_for=timezone.make_aware(dt.datetime(2030, 3, 5, 9))
    )

    planned = locality_meetings_plan(locality=locality, now=FRIDAY)

    assert local(planned[0]) == timezone.localtime(timezone.make_aware(dt.datetime(2030, 3, 12, 10, 0)))
    assert local(planned[0]).date() - local(last).date() == dt.timedelta(days=14)


def test_a_lapsed_rhythm_resumes_on_its_next_date_after_today(locality):
    MeetingFactory(locality=locality, scheduled_for=timezone.make_aware(dt.datetime(2029, 11, 6, 10, 0)))

    planned = locality_meetings_plan(locality=locality, now=FRIDAY)

    first = local(planned[0]).date()
    assert first > FRIDAY.date()
    assert (first - dt.date(2029, 11, 6)).days % 14 == 0
    assert first - FRIDAY.date() <= dt.timedelta(days=14)


def test_a_meeting_the_coordinator_moved_stays_moved_and_the_rhythm_follows_the_last(locality):
    planned = locality_meetings_plan(locality=locality, now=FRIDAY)
    middle, last = planned[2], planned[-1]
    Meeting.objects.filter(pk=middle.pk).update(scheduled_for=middle.scheduled_for + dt.timedelta(days=2))
    Meeting.objects.filter(pk=last.pk).update(scheduled_for=last.scheduled_for + dt.timedelta(days=3))

    assert locality_meetings_plan(locality=locality, now=FRIDAY) == []
    middle.refresh_from_db()
    assert local(middle).date() == dt.date(2030, 4, 3)

    # Once the horizon reaches a cadence after the moved meeting, the plan grows from there.
    later = locality_meetings_plan(locality=locality, now=FRIDAY + dt.timedelta(days=16))
    assert [local(meeting).date() for meeting in later] == [dt.date(2030, 5, 16)]


def test_a_meeting_the_coordinator_cancelled_is_not_planned_again(locality):
    planned = locality_meetings_plan(locality=locality, now=FRIDAY)
    planned[-1].delete()
    planned[1].delete()

    assert locality_meetings_plan(locality=locality, now=FRIDAY) == []
    assert len(regular_meetings(locality)) == len(planned) - 2


def test_time_passing_extends_the_plan_one_cadence_at_a_time(locality):
    locality_meetings_plan(locality=locality, now=FRIDAY)

    later = locality_meetings_plan(locality=locality, now=FRIDAY + dt.timedelta(days=14))

    assert [local(meeting).date() for meeting in later] == [dt.date(2030, 5, 13)]


def test_each_planned_meeting_is_audited_as_created_by_the_system(locality):
    planned = locality_meetings_plan(locality=locality, now=FRIDAY)

    events = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="meetings.meeting")
    assert sorted(int(event.object_id) for event in events) == sorted(meeting.pk for meeting in planned)
    assert {event.actor_username for event in events} == {"system"}


def test_a_locality_without_active_agencies_or_cadence_gets_nothing(locale, locality):
    locality.agencies.update(is_active=False)
    assert locality_meetings_plan(locality=locality, now=FRIDAY) == []

    locality.agencies.update(is_active=True)
    locality.meeting_cadence_days = 0
    locality.save()
    assert locality_meetings_plan(locality=locality, now=FRIDAY) == []


def test_every_locality_is_planned_with_its_own_settings(locality, other_locale):
    other = other_locale.locality
    other.meeting_cadence_days = 28
    other.schedule_ahead_days = 60
    other.save()

    planned = regular_meetings_plan(now=FRIDAY)

    assert len([meeting for meeting in planned if meeting.locality_id == locality.pk]) == 5
    assert len([meeting for meeting in planned if meeting.locality_id == other.pk]) == 3


def test_the_command_reports_what_it_planned_and_then_that_there_is_nothing(locality):
    out = StringIO()
    call_command("schedule_meetings", stdout=out)
    assert "Planned" in out.getvalue()
    assert Meeting.objects.filter(locality=locality).exists()

    again = StringIO()
    call_command("schedule_meetings", stdout=again)
    assert again.getvalue().strip() == "No meetings to plan."
