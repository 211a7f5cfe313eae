"""The coordinator or chair records attendance, apologies and information sent for each invited agency."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from marac.meetings.models import Attendance, AttendanceStatus, MeetingStatus
from marac.meetings.services import AttendanceEntry, attendance_record

pytestmark = pytest.mark.django_db


def url(meeting):
    return reverse("meetings:attendance", kwargs={"pk": meeting.pk})


def test_attendance_is_recorded_per_invited_agency(locale, meeting):
    response = locale.client("chair").post(
        url(meeting),
        {
            f"status_{locale.police.pk}": AttendanceStatus.PRESENT,
            f"name_{locale.police.pk}": "DS Ana Ruiz",
            f"status_{locale.housing.pk}": AttendanceStatus.APOLOGIES,
            f"sent_{locale.housing.pk}": "on",
            f"status_{locale.idva_service.pk}": "",
        },
    )
    assert response.status_code == 302
    recorded = {attendance.agency: attendance for attendance in Attendance.objects.all()}
    assert set(recorded) == {locale.police, locale.housing}
    assert recorded[locale.police].attendee_name == "DS Ana Ruiz"
    assert recorded[locale.police].status == AttendanceStatus.PRESENT
    assert recorded[locale.housing].status == AttendanceStatus.APOLOGIES
    assert recorded[locale.housing].information_sent is True


def test_recording_again_replaces_the_entry(locale, meeting):
    client = locale.client("coordinator")
    client.post(url(meeting), {f"status_{locale.police.pk}": AttendanceStatus.ABSENT})
    client.post(
        url(meeting), {f"status_{locale.police.pk}": AttendanceStatus.PRESENT, f"name_{locale.police.pk}": "PC Lee"}
    )
    attendance = Attendance.objects.get()
    assert (attendance.status, attendance.attendee_name) == (AttendanceStatus.PRESENT, "PC Lee")


def test_present_needs_a_name_and_nothing_is_saved_otherwise(locale, meeting):
    response = locale.client("chair").post(
        url(meeting),
        {
            f"status_{locale.housing.pk}": AttendanceStatus.APOLOGIES,
            f"status_{locale.police.pk}": AttendanceStatus.PRESENT,
        },
    )
    assert response.status_code == 200
    assert "Give the name of the person present" in response.content.decode()
    assert not Attendance.objects.exists()


def test_only_invited_agencies_and_not_after_closing(locale, meeting):
    with pytest.raises(ValidationError):
        attendance_record(
            actor=locale.actor("chair"),
            meeting=meeting,
            entries=[AttendanceEntry(agency=locale.health, status=AttendanceStatus.ABSENT)],
        )
    meeting.status = MeetingStatus.CLOSED
    meeting.save()
    with pytest.raises(ValidationError):
        attendance_record(
            actor=locale.actor("chair"),
            meeting=meeting,
            entries=[AttendanceEntry(agency=locale.police, status=AttendanceStatus.ABSENT)],
        )
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("persona", ["housing_rep", "idva", "analyst"])
def test_others_get_404(locale, meeting, persona):
    response = locale.client(persona).post(url(meeting), {f"status_{locale.police.pk}": AttendanceStatus.ABSENT})
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_the_run_page_shows_the_attendance_form_and_running_order(locale, meeting, list_case):
    item = list_case(meeting)
    response = locale.client("chair").get(reverse("meetings:run", kwargs={"pk": meeting.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'name="status_{locale.police.pk}"' in page
    assert reverse("meetings:item", kwargs={"pk": item.pk}) in page
    assert "Start the meeting" in page
