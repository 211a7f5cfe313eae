"""The coordinator schedules meetings; everyone sees only the meetings they may see."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.models import Meeting, MeetingMode, MeetingStatus
from marac.meetings.services import meeting_schedule
from marac.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_the_form_invites_every_active_agency_by_default(locale):
    locale.health.is_active = False
    locale.health.save()
    response = locale.client("coordinator").get(reverse("meetings:new"))
    assert response.status_code == 200
    invited = response.context["form"]["invited_agencies"].initial
    assert set(invited) == {locale.police, locale.idva_service, locale.housing, locale.childrens_social_care}


def test_coordinator_schedules_a_meeting_with_the_agencies_chosen(locale):
    date = timezone.localdate() + dt.timedelta(days=10)
    response = locale.client("coordinator").post(
        reverse("meetings:new"),
        {
            "date": date.isoformat(),
            "time": "10:00",
            "mode": MeetingMode.LIVE,
            "location": "Room 4, Civic Centre",
            "invited_agencies": [locale.police.pk, locale.idva_service.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("meetings:detail", kwargs={"pk": meeting.pk})
    assert meeting.mode == MeetingMode.LIVE
    assert meeting.status == MeetingStatus.SCHEDULED
    assert timezone.localtime(meeting.scheduled_for).date() == date
    assert timezone.localtime(meeting.scheduled_for).hour == 10
    assert meeting.research_deadline == meeting.scheduled_for - dt.timedelta(
        days=locale.locality.research_deadline_days
    )
    assert set(meeting.invited_agencies.all()) == {locale.police, locale.idva_service}
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="meetings.meeting").exists()


def test_a_meeting_needs_at_least_one_invited_agency_and_saves_nothing_otherwise(locale):
    response = locale.client("coordinator").post(
        reverse("meetings:new"), {"date": "2030-01-10", "time": "10:00", "mode": MeetingMode.LIVE}
    )
    assert response.status_code == 200
    assert "Invite at least one agency." in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not Meeting.objects.exists()


def test_agencies_of_another_locality_cannot_be_invited(locale, other_locale):
    response = locale.client("coordinator").post(
        reverse("meetings:new"),
        {"date": "2030-01-10", "time": "10:00", "mode": MeetingMode.LIVE, "invited_agencies": [other_locale.police.pk]},
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("persona", ["chair", "police_rep", "idva", "analyst", "admin"])
def test_only_the_coordinator_schedules(locale, persona):
    assert locale.client(persona).get(reverse("meetings:new")).status_code == 404


def test_the_list_shows_upcoming_and_past_meetings_visible_to_the_actor(locale, other_locale):
    upcoming = MeetingFactory(locality=locale.locality, invited=[locale.housing])
    past = MeetingFactory(
        locality=locale.locality,
        scheduled_for=timezone.now() - dt.timedelta(days=14),
        status=MeetingStatus.CLOSED,
        invited=[locale.police],
    )
    elsewhere = MeetingFactory(locality=other_locale.locality)

    coordinator_page = locale.client("coordinator").get(reverse("meetings:list"))
    assert list(coordinator_page.context["upcoming"]) == [upcoming]
    assert list(coordinator_page.context["past"]) == [past]
    assert elsewhere not in coordinator_page.context["upcoming"]

    housing_page = locale.client("housing_rep").get(reverse("meetings:list"))
    assert list(housing_page.context["upcoming"]) == [upcoming]
    assert list(housing_page.context["past"]) == []
    assert AuditEvent.objects.filter(action=AuditAction.LIST, summary="Listed meetings").count() == 2


def test_an_emergency_meeting_takes_research_until_it_starts(locale):
    starts = timezone.now() + dt.timedelta(hours=3)
    meeting = meeting_schedule(actor=locale.actor("coordinator"), scheduled_for=starts, mode=MeetingMode.EMERGENCY)
    assert meeting.research_deadline == starts
