"""Starting the meeting, and recording each case's discussion and the chair's risk summary."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.models import MeetingStatus
from marac.meetings.services import agenda_item_record_discussion, meeting_start
from marac.meetings.tests.factories import confirm_declarations
from marac.referrals.models import CaseStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(meeting, list_case):
    item = list_case(meeting)
    item.case.status = CaseStatus.LISTED
    item.case.save()
    return item


def test_the_chair_starts_the_meeting_and_becomes_its_chair(locale, meeting):
    response = locale.client("chair").post(reverse("meetings:start", kwargs={"pk": meeting.pk}))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.IN_PROGRESS
    assert meeting.started_at is not None
    assert meeting.chair == locale.memberships["chair"].user


def test_a_meeting_starts_once(locale, meeting):
    meeting_start(actor=locale.actor("coordinator"), meeting=meeting)
    with pytest.raises(ValidationError):
        meeting_start(actor=locale.actor("coordinator"), meeting=meeting)


def test_recording_the_discussion_marks_the_case_heard(locale, meeting, item):
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair")
    response = locale.client("chair").post(
        reverse("meetings:item", kwargs={"pk": item.pk}),
        {"risk_summary": "Very high: escalating since separation.", "discussion": "Police to review bail."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    item.case.refresh_from_db()
    assert item.risk_summary == "Very high: escalating since separation."
    assert item.discussion == "Police to review bail."
    assert item.discussed_at is not None
    assert item.case.status == CaseStatus.HEARD
    assert AuditEvent.objects.filter(
        object_type="meetings.agendaitem", action=AuditAction.CREATE, case=item.case
    ).exists()


def test_the_risk_summary_is_required(locale, meeting, item):
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair")
    response = locale.client("chair").post(reverse("meetings:item", kwargs={"pk": item.pk}), {"discussion": "Notes"})
    assert response.status_code == 200
    assert "Write the chair&#x27;s summary of the risk." in response.content.decode()
    item.refresh_from_db()
    assert item.discussed_at is None


def test_discussion_needs_the_meeting_in_progress(locale, meeting, item):
    with pytest.raises(ValidationError):
        agenda_item_record_discussion(actor=locale.actor("chair"), agenda_item=item, discussion="", risk_summary="High")
    item.case.refresh_from_db()
    assert item.case.status == CaseStatus.LISTED


def test_the_item_page_shows_the_referral_and_the_research(locale, meeting, item):
    page = locale.client("coordinator").get(reverse("meetings:item", kwargs={"pk": item.pk})).content.decode()
    assert item.referral.risk_summary in page
    assert "Start the meeting to record the discussion." in page


@pytest.mark.parametrize("persona", ["housing_rep", "idva", "police_referrer"])
def test_others_cannot_open_or_record_the_discussion(locale, meeting, item, persona):
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    client = locale.client(persona)
    assert client.get(reverse("meetings:item", kwargs={"pk": item.pk})).status_code == 404
    assert client.post(reverse("meetings:item", kwargs={"pk": item.pk}), {"risk_summary": "x"}).status_code == 404
    assert client.post(reverse("meetings:start", kwargs={"pk": meeting.pk})).status_code == 404
    item.refresh_from_db()
    assert item.discussed_at is None
