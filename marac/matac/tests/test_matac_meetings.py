"""MATAC meetings on the meeting machinery: planned by hand with a four-weekly suggestion, an agenda of selected
nominees, started, attended and closed as any meeting, behind the confidentiality declaration while in progress."""

import datetime as dt
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditEvent
from marac.matac.models import MatacListing, NominationStatus
from marac.matac.services.meetings import MATAC_CADENCE_DAYS, matac_listing_add, matac_next_date
from marac.matac.tests.factories import listing_of, matac_meeting, nomination_of
from marac.meetings.models import Attendance, Declaration, Meeting, MeetingPurpose, MeetingStatus
from marac.meetings.tests.factories import MeetingFactory, confirm_declarations
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _selected(locale, given_name="Karl"):
    person = PersonFactory(locality=locale.locality, given_name=given_name, family_name="Rook")
    return nomination_of(locale, person, status=NominationStatus.SELECTED)


def test_the_next_date_is_four_weeks_after_the_last_matac_meeting(locale):
    today = dt.date(2026, 11, 26)  # a Thursday
    assert timezone.localtime(matac_next_date(locality=locale.locality, today=today)).date() == dt.date(2026, 12, 3)
    last = timezone.make_aware(dt.datetime(2026, 11, 12, 10, 0))
    MeetingFactory(locality=locale.locality, purpose=MeetingPurpose.MATAC, scheduled_for=last, circulated=False)
    # A MARAC meeting later on does not move the MATAC rhythm.
    MeetingFactory(locality=locale.locality, scheduled_for=last + dt.timedelta(days=10), circulated=False)
    suggested = timezone.localtime(matac_next_date(locality=locale.locality, today=today))
    assert suggested.date() == dt.date(2026, 12, 10) == dt.date(2026, 11, 12) + dt.timedelta(days=MATAC_CADENCE_DAYS)
    assert suggested.time() == locale.locality.meeting_time
    # A rhythm that lapsed resumes after today, four weeks at a time.
    later = timezone.localtime(matac_next_date(locality=locale.locality, today=dt.date(2027, 1, 20)))
    assert later.date() == dt.date(2027, 2, 4)


def test_the_coordinator_plans_a_matac_meeting(locale):
    client = locale.client("coordinator")
    page = _text(client.get(reverse("matac:meeting_new")))
    assert "MATAC meets every four weeks" in page and "Kind of meeting" not in page
    day = timezone.localdate() + dt.timedelta(days=10)
    response = client.post(
        reverse("matac:meeting_new"),
        {
            "date": day.isoformat(),
            "time": "14:00",
            "location": "Room 4, Riverside Police Station",
            "invited_agencies": [locale.police.pk, locale.housing.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("matac:meeting", args=[meeting.pk])
    assert meeting.purpose == MeetingPurpose.MATAC and meeting.is_matac and meeting.research_deadline is None
    assert set(meeting.invited_agencies.all()) == {locale.police, locale.housing}
    assert str(meeting).startswith("MATAC meeting")
    assert AuditEvent.objects.filter(summary__startswith="Planned MATAC meeting").exists()
    past = timezone.localdate() - dt.timedelta(days=1)
    page = _text(
        client.post(
            reverse("matac:meeting_new"),
            {"date": past.isoformat(), "time": "10:00", "invited_agencies": [locale.police.pk]},
        )
    )
    assert "A MATAC meeting is planned for a date and time in the future." in page
    assert Meeting.objects.count() == 1


def test_only_selected_nominees_go_on_the_agenda(locale):
    meeting = matac_meeting(locale)
    selected = _selected(locale)
    waiting = nomination_of(locale, PersonFactory(locality=locale.locality, given_name="Waiting"))
    client = locale.client("coordinator")
    client.post(reverse("matac:listing_add", args=[meeting.pk]), {"nomination": selected.pk})
    assert list(meeting.matac_listings.values_list("nomination", flat=True)) == [selected.pk]
    # Not offered, so refused as a choice never offered.
    client.post(reverse("matac:listing_add", args=[meeting.pk]), {"nomination": waiting.pk})
    assert meeting.matac_listings.count() == 1
    with pytest.raises(ValidationError):
        matac_listing_add(actor=locale.actor("coordinator"), meeting=meeting, nomination=waiting)
    marac = MeetingFactory(locality=locale.locality)
    with pytest.raises(ValidationError) as refused:
        matac_listing_add(actor=locale.actor("coordinator"), meeting=marac, nomination=selected)
    assert "MATAC meetings only" in refused.value.message_dict["nomination"][0]
    # Listing him again changes nothing.
    again = matac_listing_add(actor=locale.actor("coordinator"), meeting=meeting, nomination=selected)
    assert again.position == 1 and MatacListing.objects.count() == 1


def test_a_matac_meeting_runs_on_the_meeting_machinery(locale):
    meeting = matac_meeting(locale)
    listing_of(meeting, _selected(locale))
    chair = locale.client("chair")
    chair.post(reverse("matac:meeting_start", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.IN_PROGRESS and meeting.chair == locale.memberships["chair"].user
    # While it is in progress, its pages wait for the declaration.
    response = chair.get(reverse("matac:meeting", args=[meeting.pk]))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("meetings:declare", args=[meeting.pk])
    )
    chair.post(reverse("meetings:declare", args=[meeting.pk]), {"next": reverse("matac:meeting", args=[meeting.pk])})
    assert Declaration.objects.filter(meeting=meeting).count() == 1
    page = _text(chair.get(reverse("matac:meeting", args=[meeting.pk])))
    assert "Karl Rook" in page and "Attendance" in page
    chair.post(
        reverse("matac:meeting_attendance", args=[meeting.pk]),
        {f"status_{locale.police.pk}": "present", f"name_{locale.police.pk}": "DS Rowe"},
    )
    assert Attendance.objects.get(meeting=meeting).attendee_name == "DS Rowe"
    chair.post(reverse("matac:meeting_close", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED and meeting.closed_at is not None


def test_invited_agencies_see_identifiers_before_and_profiles_once_started(locale):
    meeting = matac_meeting(locale)
    listing = listing_of(meeting, _selected(locale))
    police = locale.client("police_rep")
    before = _text(police.get(reverse("matac:meeting", args=[meeting.pk])))
    assert "Karl Rook" in before and "Unemployed, new partner" not in before
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.IN_PROGRESS, started_at=timezone.now())
    meeting.refresh_from_db()
    confirm_declarations(locale, meeting, "police_rep")
    MatacListing.objects.filter(pk=listing.pk).update(discussion="Agreed to check his address weekly.")
    during = _text(police.get(reverse("matac:meeting", args=[meeting.pk])))
    assert "Unemployed, new partner" in during and "Agreed to check his address weekly." in during
    # An agency not invited does not find the meeting.
    assert locale.client("health_rep").get(reverse("matac:meeting", args=[meeting.pk])).status_code == 404
    # The nominee at the meeting (discussion, tactics) is the runners' page.
    assert police.get(reverse("matac:listing", args=[listing.pk])).status_code == 404


def test_the_marac_pages_send_a_matac_meeting_to_its_own_page_or_refuse(locale):
    meeting = matac_meeting(locale)
    client = locale.client("coordinator")
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("matac:meeting", args=[meeting.pk])
    assert locale.client("police_rep").get(reverse("meetings:detail", args=[meeting.pk]))["Location"] == reverse(
        "matac:meeting", args=[meeting.pk]
    )
    for name, method in (
        ("meetings:run", "get"),
        ("meetings:close", "get"),
        ("meetings:start", "post"),
        ("meetings:attendance", "post"),
        ("circulation:research_grid", "get"),
        ("circulation:circulate", "post"),
        ("circulation:research_reminders", "post"),
    ):
        assert getattr(client, method)(reverse(name, args=[meeting.pk])).status_code == 404, name
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED and not hasattr(meeting, "circulation")
    # The MARAC list of meetings is of MARAC meetings.
    assert meeting not in client.get(reverse("meetings:list")).context["upcoming"]


def test_another_area_sees_nothing_of_a_matac_meeting(locale, other_locale):
    meeting = matac_meeting(locale)
    listing = listing_of(meeting, _selected(locale))
    client = other_locale.client("coordinator")
    for name, arg in (("matac:meeting", meeting.pk), ("matac:listing", listing.pk), ("meetings:detail", meeting.pk)):
        assert client.get(reverse(name, args=[arg])).status_code == 404, name
    assert client.post(reverse("matac:meeting_start", args=[meeting.pk])).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED
