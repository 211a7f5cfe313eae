"""Once a meeting closes, each invited agency is told, once, that its version of the minutes is ready."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditEvent
from marac.circulation.minutes import minutes_notices_send
from marac.circulation.tests.conftest import CONTACTS, addresses
from marac.meetings.models import MeetingStatus
from marac.meetings.tests.factories import MeetingFactory
from marac.notifications.models import NoticeKind

pytestmark = pytest.mark.django_db


def closed_meeting(locale, *, closed_ago: dt.timedelta):
    now = timezone.now()
    return MeetingFactory(
        locality=locale.locality,
        scheduled_for=now - closed_ago - dt.timedelta(hours=2),
        status=MeetingStatus.CLOSED,
        closed_at=now - closed_ago,
        invited=[locale.police, locale.housing, locale.health],
    )


def test_each_invited_agency_gets_a_link_to_its_minutes_once(contacts, mailoutbox):
    meeting = closed_meeting(contacts, closed_ago=dt.timedelta(hours=1))

    report = minutes_notices_send()
    again = minutes_notices_send()

    assert addresses(mailoutbox) == sorted([CONTACTS["police"], CONTACTS["housing"]])
    assert [record.agency for record in report.unsent] == [contacts.health]
    assert again.is_empty
    link = f"http://127.0.0.1:8000{reverse('meetings:minutes', kwargs={'pk': meeting.pk})}"
    assert all(link in message.body for message in mailoutbox)
    assert {record.kind for record in report.sent} == {NoticeKind.MINUTES}
    assert AuditEvent.objects.filter(object_type="notifications.emailnotice").count() == 3


def test_meetings_not_closed_or_closed_long_ago_are_left_alone(contacts, mailoutbox):
    closed_meeting(contacts, closed_ago=dt.timedelta(days=15))
    MeetingFactory(locality=contacts.locality, status=MeetingStatus.IN_PROGRESS)

    assert minutes_notices_send().is_empty
    assert mailoutbox == []


def test_the_link_follows_the_site_address(contacts, settings, mailoutbox):
    settings.MARAC_SITE_URL = "https://marac.riverside.example.org"
    meeting = closed_meeting(contacts, closed_ago=dt.timedelta(hours=1))

    minutes_notices_send()

    assert f"https://marac.riverside.example.org/meetings/{meeting.pk}/minutes/" in mailoutbox[0].body
