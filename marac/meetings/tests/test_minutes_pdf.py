"""The minutes as a PDF: a real PDF, downloaded not cached, named without personal data, and audited as an export."""

import pytest
from django.urls import reverse

from marac.access.models import CaseExclusion
from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.tests.factories import MeetingFactory
from marac.meetings.tests.minutes_fixtures import closed_meeting_with_cases

pytestmark = pytest.mark.django_db


def test_the_pdf_is_a_pdf_sent_as_an_uncached_attachment(locale):
    closed = closed_meeting_with_cases(locale)
    response = locale.client("housing_rep").get(reverse("meetings:minutes_pdf", kwargs={"pk": closed.meeting.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="marac-minutes-')
    assert closed.first.case.reference not in disposition
    assert closed.first.case.victim.family_name not in disposition


def test_downloading_the_pdf_is_audited_as_an_export_for_the_meeting(locale):
    closed = closed_meeting_with_cases(locale)
    locale.client("idva").get(reverse("meetings:minutes_pdf", kwargs={"pk": closed.meeting.pk}))
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, actor=locale.memberships["idva"].user)
    assert event.purpose == "meeting"
    assert event.object_id == str(closed.meeting.pk)
    assert sorted(event.detail["ids"]) == sorted([closed.first.case_id, closed.second.case_id])
    assert event.detail["version"] == f"agency {locale.idva_service.name}"


def test_no_pdf_before_the_meeting_closes(locale):
    meeting = MeetingFactory(locality=locale.locality, invited=[locale.police])
    response = locale.client("coordinator").get(reverse("meetings:minutes_pdf", kwargs={"pk": meeting.pk}))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=locale.memberships["coordinator"].user).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_case_the_reader_is_barred_from_is_left_out_of_her_pdf(locale):
    closed = closed_meeting_with_cases(locale)
    CaseExclusion.objects.create(
        case=closed.first.case,
        user=locale.memberships["police_rep"].user,
        reason="Works with the perpetrator",
        added_by=locale.memberships["coordinator"].user,
        added_at=closed.meeting.closed_at,
    )
    response = locale.client("police_rep").get(reverse("meetings:minutes_pdf", kwargs={"pk": closed.meeting.pk}))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, actor=locale.memberships["police_rep"].user)
    assert event.detail["ids"] == [closed.second.case_id]
