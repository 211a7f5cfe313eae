"""Saving as you go: the discussion and the chair's risk summary are kept as a draft while the chair types, without
the risk summary being required and without the case being heard; the button still records the discussion."""

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.models import CaseOutcome
from marac.meetings.services import agenda_item_record_discussion, meeting_close, meeting_start
from marac.meetings.tests.factories import confirm_declarations
from marac.referrals.models import CaseStatus

pytestmark = pytest.mark.django_db

DRAFT_SAVED = "Saved a draft of the discussion and risk summary"


@pytest.fixture
def item(locale, meeting, list_case):
    item = list_case(meeting)
    item.case.status = CaseStatus.LISTED
    item.case.save()
    return item


@pytest.fixture
def in_progress(locale, meeting):
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair", "coordinator")
    return meeting


def autosave(client, item, **data):
    return client.post(reverse("meetings:item_draft", kwargs={"pk": item.pk}), data, HTTP_HX_REQUEST="true")


def test_a_draft_is_kept_without_the_case_being_heard(locale, in_progress, item):
    response = autosave(locale.client("chair"), item, risk_summary="", discussion="Police: two call-outs since May.")
    assert response.status_code == 200
    assert "Draft saved at" in response.content.decode()
    item.refresh_from_db()
    item.case.refresh_from_db()
    assert item.discussion == "Police: two call-outs since May."
    assert item.risk_summary == ""
    assert item.discussed_at is None
    assert item.case.status == CaseStatus.LISTED
    event = AuditEvent.objects.get(summary=DRAFT_SAVED)
    assert (event.action, event.case, event.object_id) == (AuditAction.UPDATE, item.case, str(item.pk))


def test_saving_the_same_words_again_records_nothing_new(locale, in_progress, item):
    client = locale.client("coordinator")
    autosave(client, item, risk_summary="High", discussion="Notes")
    autosave(client, item, risk_summary="High ", discussion="Notes")
    assert AuditEvent.objects.filter(summary=DRAFT_SAVED).count() == 1
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(item.pk)).exists()


def test_reopening_the_case_shows_the_draft(locale, in_progress, item):
    client = locale.client("chair")
    autosave(client, item, risk_summary="Escalating since separation", discussion="Housing: arrears")
    page = client.get(reverse("meetings:item", kwargs={"pk": item.pk})).content.decode()
    assert "Escalating since separation</textarea>" in page
    assert "Housing: arrears</textarea>" in page
    assert "This is the draft kept so far." in page


def test_the_button_still_needs_the_risk_summary_and_then_records_the_case_as_heard(locale, in_progress, item):
    client = locale.client("chair")
    autosave(client, item, risk_summary="", discussion="Notes")
    url = reverse("meetings:item", kwargs={"pk": item.pk})
    assert client.post(url, {"risk_summary": "", "discussion": "Notes"}).status_code == 200
    item.refresh_from_db()
    assert item.discussed_at is None
    assert client.post(url, {"risk_summary": "Very high", "discussion": "Notes"}).status_code == 302
    item.refresh_from_db()
    item.case.refresh_from_db()
    assert item.discussed_at is not None
    assert item.case.status == CaseStatus.HEARD


def test_a_heard_case_keeps_its_risk_summary(locale, in_progress, item):
    agenda_item_record_discussion(actor=locale.actor("chair"), agenda_item=item, discussion="", risk_summary="High")
    response = autosave(locale.client("chair"), item, risk_summary="", discussion="More")
    assert "Not saved: This case has been heard" in response.content.decode()
    item.refresh_from_db()
    assert (item.risk_summary, item.discussion) == ("High", "")


def test_a_request_without_the_texts_clears_nothing(locale, in_progress, item):
    client = locale.client("chair")
    autosave(client, item, risk_summary="High", discussion="Notes")
    response = autosave(client, item)
    assert "Not saved: nothing was sent to save." in response.content.decode()
    item.refresh_from_db()
    assert (item.risk_summary, item.discussion) == ("High", "Notes")


def test_no_draft_before_the_meeting_starts(locale, meeting, item):
    response = autosave(locale.client("chair"), item, risk_summary="High", discussion="Notes")
    assert response.status_code == 200
    assert "Not saved: Drafts are saved only while the meeting is in progress." in response.content.decode()
    item.refresh_from_db()
    assert (item.risk_summary, item.discussion) == ("", "")
    assert not AuditEvent.objects.filter(summary=DRAFT_SAVED).exists()


def test_no_draft_after_the_meeting_closes(locale, in_progress, item):
    meeting_close(actor=locale.actor("chair"), meeting=in_progress, outcomes={item.pk: CaseOutcome.CLOSED})
    response = autosave(locale.client("chair"), item, risk_summary="High", discussion="Notes")
    assert "Not saved" in response.content.decode()
    item.refresh_from_db()
    assert item.risk_summary == ""


def test_the_declaration_comes_first(locale, meeting, item):
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    response = autosave(locale.client("chair"), item, risk_summary="High", discussion="Notes")
    assert reverse("meetings:declare", kwargs={"pk": meeting.pk}) in response["HX-Redirect"]
    item.refresh_from_db()
    assert item.risk_summary == ""


@pytest.mark.parametrize("persona", ["housing_rep", "idva", "police_rep", "police_referrer", "analyst"])
def test_other_personas_get_404(locale, in_progress, item, persona):
    response = autosave(locale.client(persona), item, risk_summary="High", discussion="Notes")
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.risk_summary == ""
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=locale.memberships[persona].user).exists()


def test_another_localitys_coordinator_gets_404(locale, other_locale, in_progress, item):
    response = autosave(other_locale.client("coordinator"), item, risk_summary="High", discussion="Notes")
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.risk_summary == ""


def test_the_form_saves_as_you_type_and_still_posts_without_javascript(locale, in_progress, item):
    page = locale.client("chair").get(reverse("meetings:item", kwargs={"pk": item.pk})).content.decode()
    draft_url = reverse("meetings:item_draft", kwargs={"pk": item.pk})
    assert f'hx-post="{draft_url}"' in page
    assert 'hx-trigger="input changed delay:1s"' in page
    assert f'<form method="post" action="{reverse("meetings:item", kwargs={"pk": item.pk})}"' in page
    assert 'id="discussion-autosave"' in page
