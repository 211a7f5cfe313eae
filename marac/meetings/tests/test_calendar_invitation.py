"""One meeting as an iCalendar invitation: when and where, never who or which cases."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.calendar import MEETING_LENGTH
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(locale):
    meeting = MeetingFactory(
        locality=locale.locality, location="Civic Centre, Room 4", invited=[locale.police, locale.housing]
    )
    for _ in range(3):
        AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)
    return meeting


def _events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_invitation_gives_time_place_and_link_without_personal_data(locale, meeting):
    response = locale.client("housing_rep").get(reverse("meetings:ics", args=[meeting.pk]))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    [event] = _events(response)
    assert str(event["summary"]) == f"{locale.locality.name} MARAC – live meeting"
    assert str(event["location"]) == "Civic Centre, Room 4"
    assert event.decoded("dtstart") == meeting.scheduled_for.replace(microsecond=0)
    assert event.decoded("dtend") - event.decoded("dtstart") == MEETING_LENGTH
    assert str(event["uid"]) == f"meeting-{meeting.pk}@marac"
    assert str(event["url"]).endswith(reverse("meetings:detail", args=[meeting.pk]))
    text = response.content.decode()
    for item in meeting.agenda_items.select_related("case__victim"):
        assert item.case.reference not in text
        assert item.case.victim.given_name not in text
        assert item.case.victim.family_name not in text
    assert "3" not in str(event["summary"]) + str(event.get("description", ""))


def test_invitation_uid_is_stable_across_downloads(locale, meeting):
    client = locale.client("coordinator")
    first = _events(client.get(reverse("meetings:ics", args=[meeting.pk])))[0]
    meeting.scheduled_for += dt.timedelta(hours=1)
    meeting.save()
    second = _events(client.get(reverse("meetings:ics", args=[meeting.pk])))[0]

    assert first["uid"] == second["uid"]
    assert second.decoded("dtstart") == meeting.scheduled_for.replace(microsecond=0)


def test_invitation_download_is_audited_as_export(locale, meeting):
    locale.client("police_rep").get(reverse("meetings:ics", args=[meeting.pk]))

    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).get()
    assert event.object_type == "meetings.meeting"
    assert event.object_id == str(meeting.pk)


def test_agency_not_invited_gets_404(locale, meeting):
    response = locale.client("health_rep").get(reverse("meetings:ics", args=[meeting.pk]))

    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
