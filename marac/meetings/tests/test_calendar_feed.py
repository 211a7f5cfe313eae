"""The calendar feed: the user's visible meetings from a month ago to six months ahead, without personal data."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.models import MeetingMode
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _uids(response) -> set[str]:
    return {str(event["uid"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}


def test_feed_holds_the_window_of_meetings_the_agency_is_invited_to(locale, other_locale):
    now = timezone.now()
    invited = [locale.police, locale.housing]
    soon = MeetingFactory(locality=locale.locality, scheduled_for=now + dt.timedelta(days=10), invited=invited)
    last_week = MeetingFactory(locality=locale.locality, scheduled_for=now - dt.timedelta(days=7), invited=invited)
    too_old = MeetingFactory(locality=locale.locality, scheduled_for=now - dt.timedelta(days=60), invited=invited)
    too_far = MeetingFactory(locality=locale.locality, scheduled_for=now + dt.timedelta(days=220), invited=invited)
    not_invited = MeetingFactory(locality=locale.locality, invited=[locale.health])
    elsewhere = MeetingFactory(locality=other_locale.locality)

    response = locale.client("housing_rep").get(reverse("meetings:calendar_feed"))

    assert response.status_code == 200
    uids = _uids(response)
    assert uids == {f"meeting-{soon.pk}@marac", f"meeting-{last_week.pk}@marac"}
    for absent in (too_old, too_far, not_invited, elsewhere):
        assert f"meeting-{absent.pk}@marac" not in uids


def test_coordinator_feed_has_every_meeting_of_the_locality(locale):
    first = MeetingFactory(locality=locale.locality, invited=[locale.health])
    emergency = MeetingFactory(locality=locale.locality, mode=MeetingMode.EMERGENCY, invited=[])

    response = locale.client("coordinator").get(reverse("meetings:calendar_feed"))

    assert _uids(response) == {f"meeting-{first.pk}@marac", f"meeting-{emergency.pk}@marac"}
    summaries = {str(event["summary"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}
    assert f"{locale.locality.name} MARAC – emergency meeting" in summaries


def test_feed_names_no_case_and_no_person(locale):
    meeting = MeetingFactory(locality=locale.locality)
    items = [AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police) for _ in range(2)]

    text = locale.client("coordinator").get(reverse("meetings:calendar_feed")).content.decode()

    for item in items:
        assert item.case.reference not in text
        assert item.case.victim.given_name not in text
        assert item.case.victim.family_name not in text


def test_feed_download_is_audited_as_export_with_the_meetings_listed(locale):
    meeting = MeetingFactory(locality=locale.locality)

    locale.client("chair").get(reverse("meetings:calendar_feed"))

    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).get()
    assert event.detail == {"ids": [meeting.pk]}


def test_feed_queries_do_not_grow_with_meetings(locale, django_assert_max_num_queries):
    client = locale.client("coordinator")
    MeetingFactory(locality=locale.locality)
    client.get(reverse("meetings:calendar_feed"))  # warm the session
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("meetings:calendar_feed"))
    for _ in range(8):
        MeetingFactory(locality=locale.locality)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("meetings:calendar_feed"))
    assert len(_uids(response)) == 9


def test_role_without_meetings_gets_404(locale):
    response = locale.client("analyst").get(reverse("meetings:calendar_feed"))

    assert response.status_code == 404
