"""Every MARAC process that assumes a case list leaves MATAC meetings alone: the regular scheduler's rhythm, the
circulation of case lists, research reminders and the minutes notices.

Each MATAC meeting here is given what would set the process off on a MARAC meeting (a case on its agenda, a
circulated list, a research deadline), so the test fails if the process stops telling the two apart."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from marac.circulation.minutes import minutes_notices_send
from marac.circulation.models import Circulation
from marac.circulation.reminders import research_reminders_due, research_reminders_send
from marac.circulation.services import circulate_due, circulation_create
from marac.meetings.models import AgendaItem, Meeting, MeetingMode, MeetingPurpose, MeetingStatus
from marac.meetings.scheduling import locality_meetings_plan
from marac.meetings.tests.factories import MeetingFactory
from marac.notifications.models import EmailNotice
from marac.testing.factories import ReferralFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))  # a Monday


@pytest.fixture
def contacts(locale):
    for agency in (locale.police, locale.housing, locale.idva_service):
        agency.contact_email = f"{agency.agency_type}@riverside.example.org"
        agency.save(update_fields=["contact_email"])
    locale.locality.coordinator_email = "coordinator@riverside.example.org"
    locale.locality.save(update_fields=["coordinator_email"])
    return locale


def _matac(locale, **fields) -> Meeting:
    return MeetingFactory(
        locality=locale.locality,
        purpose=MeetingPurpose.MATAC,
        invited=[locale.police, locale.housing, locale.idva_service],
        circulated=False,
        **fields,
    )


def _with_a_case(locale, meeting: Meeting) -> AgendaItem:
    referral = ReferralFactory(case__locality=locale.locality, referring_agency=locale.police)
    return AgendaItem.objects.create(meeting=meeting, case=referral.case, referral=referral)


def test_a_matac_meeting_does_not_move_the_regular_rhythm(locale):
    locality = locale.locality
    locality.meeting_cadence_days, locality.schedule_ahead_days = 14, 30
    locality.save()
    # The last regular meeting was a week ago; a MATAC meeting is planned in three weeks.
    MeetingFactory(locality=locality, scheduled_for=NOW - dt.timedelta(days=7), circulated=False)
    _matac(locale, scheduled_for=NOW + dt.timedelta(days=21))

    planned = locality_meetings_plan(locality=locality, now=NOW)

    assert [timezone.localdate(meeting.scheduled_for) for meeting in planned] == [
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 23),
    ]
    assert all(meeting.purpose == MeetingPurpose.MARAC and meeting.mode == MeetingMode.LIVE for meeting in planned)


def test_the_scheduler_never_circulates_a_matac_meeting(contacts, mailoutbox):
    locale = contacts
    meeting = _matac(locale, scheduled_for=NOW + dt.timedelta(days=2))
    _with_a_case(locale, meeting)

    run = circulate_due(now=NOW)

    assert run.circulated == [] and not Circulation.objects.exists()
    assert mailoutbox == [] and not EmailNotice.objects.exists()
    with pytest.raises(ValidationError) as refused:
        circulation_create(actor=locale.actor("coordinator"), meeting=meeting, now=NOW)
    assert refused.value.message_dict["meeting"] == ["A MATAC meeting has no case list to circulate."]


def test_no_research_reminder_is_sent_for_a_matac_meeting(contacts, mailoutbox):
    locale = contacts
    meeting = _matac(locale, scheduled_for=NOW + dt.timedelta(days=2), research_deadline=NOW + dt.timedelta(hours=12))
    _with_a_case(locale, meeting)
    Circulation.objects.create(meeting=meeting, circulated_at=NOW - dt.timedelta(days=3))

    report = research_reminders_due(now=NOW)

    assert report.is_empty and mailoutbox == []
    with pytest.raises(ValidationError):
        research_reminders_send(actor=locale.actor("coordinator"), meeting=meeting, now=NOW)


def test_no_minutes_notice_for_a_closed_matac_meeting(contacts, mailoutbox):
    locale = contacts
    _matac(
        locale,
        scheduled_for=NOW - dt.timedelta(days=1),
        status=MeetingStatus.CLOSED,
        closed_at=NOW - dt.timedelta(hours=20),
    )
    marac = MeetingFactory(
        locality=locale.locality,
        scheduled_for=NOW - dt.timedelta(days=1),
        status=MeetingStatus.CLOSED,
        closed_at=NOW - dt.timedelta(hours=20),
        invited=[locale.police],
    )

    report = minutes_notices_send(now=NOW)

    # The MARAC meeting's one invited agency is told; nobody about the MATAC meeting.
    assert [record.meeting_id for record in report.sent] == [marac.pk]
    assert len(mailoutbox) == 1
