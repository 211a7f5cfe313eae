"""The minutes page: marked restricted at top and bottom, audited, and only once the meeting has closed."""

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.minutes import RESTRICTED_MARKING
from marac.meetings.models import AgendaItem
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from marac.meetings.tests.minutes_fixtures import RISK_SUMMARY, closed_meeting_with_cases

pytestmark = pytest.mark.django_db


def test_minutes_are_marked_restricted_at_top_and_bottom(locale):
    closed = closed_meeting_with_cases(locale)
    body = locale.client("police_rep").get(reverse("meetings:minutes", kwargs={"pk": closed.meeting.pk})).content
    body = body.decode()
    assert body.count(RESTRICTED_MARKING) == 2
    first, last = body.index(RESTRICTED_MARKING), body.rindex(RESTRICTED_MARKING)
    assert first < body.index(closed.first.case.reference) < last


def test_reading_the_minutes_is_audited_with_the_cases_shown(locale):
    closed = closed_meeting_with_cases(locale)
    locale.client("housing_rep").get(reverse("meetings:minutes", kwargs={"pk": closed.meeting.pk}))
    event = AuditEvent.objects.get(action=AuditAction.VIEW, actor=locale.memberships["housing_rep"].user)
    assert event.object_type == "meetings.meeting"
    assert event.object_id == str(closed.meeting.pk)
    assert event.purpose == "meeting"
    assert sorted(event.detail["ids"]) == sorted([closed.first.case_id, closed.second.case_id])


def test_before_the_meeting_closes_the_page_says_minutes_come_later(locale):
    meeting = MeetingFactory(locality=locale.locality, invited=[locale.police])
    AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police, risk_summary=RISK_SUMMARY)
    response = locale.client("police_rep").get(reverse("meetings:minutes", kwargs={"pk": meeting.pk}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Minutes come after the meeting closes" in body
    assert RISK_SUMMARY not in body


def test_closed_meetings_agenda_links_to_the_minutes(locale):
    closed = closed_meeting_with_cases(locale)
    url = reverse("meetings:minutes", kwargs={"pk": closed.meeting.pk})
    for persona in ("coordinator", "police_rep"):
        body = locale.client(persona).get(reverse("meetings:detail", kwargs={"pk": closed.meeting.pk})).content
        assert url in body.decode()


def test_a_discussion_drafted_but_never_saved_stays_out_of_the_minutes(locale):
    closed = closed_meeting_with_cases(locale)
    AgendaItem.objects.filter(pk=closed.first.pk).update(
        discussed_at=None, discussion="Half-typed note", risk_summary="Unsaved summary"
    )
    body = locale.client("coordinator").get(reverse("meetings:minutes", kwargs={"pk": closed.meeting.pk}))
    body = body.content.decode()
    assert "Half-typed note" not in body
    assert "Unsaved summary" not in body
    assert RISK_SUMMARY in body  # the second case's saved summary
