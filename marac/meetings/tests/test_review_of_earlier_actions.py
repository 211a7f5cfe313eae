"""The next meeting lists the previous meeting's incomplete actions and records why each is not done."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.actions.models import ActionReview, ActionStatus, ReviewReason
from marac.actions.selectors import incomplete_actions_for_review
from marac.actions.services import action_create, action_update
from marac.meetings.models import CaseOutcome
from marac.meetings.services import agenda_item_add, meeting_close, meeting_start
from marac.meetings.tests.factories import MeetingFactory, confirm_declarations

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_meetings(locale, list_case):
    chair = locale.actor("chair")
    first = MeetingFactory(locality=locale.locality, scheduled_for=timezone.now() - dt.timedelta(days=14))
    earlier_item = list_case(first)
    meeting_start(actor=chair, meeting=first)
    due = timezone.localdate() + dt.timedelta(days=7)
    still_open = action_create(
        actor=chair,
        case=earlier_item.case,
        owner_agency=locale.housing,
        text="Fit new locks",
        due_date=due,
        agenda_item=earlier_item,
    )
    done = action_create(
        actor=chair,
        case=earlier_item.case,
        owner_agency=locale.police,
        text="Flag the address",
        due_date=due,
        agenda_item=earlier_item,
    )
    action_update(actor=locale.actor("police_rep"), action=done, status=ActionStatus.DONE, note="Flagged.")
    meeting_close(actor=chair, meeting=first, outcomes={earlier_item.pk: CaseOutcome.MONITORING})

    second = MeetingFactory(locality=locale.locality)
    item = agenda_item_add(actor=locale.actor("coordinator"), meeting=second, referral=earlier_item.referral)
    meeting_start(actor=chair, meeting=second)
    confirm_declarations(locale, second, "chair", "coordinator")
    agreed_now = action_create(
        actor=chair,
        case=item.case,
        owner_agency=locale.idva_service,
        text="Safety plan",
        due_date=due,
        agenda_item=item,
    )
    return SimpleNamespace(meeting=second, item=item, still_open=still_open, done=done, agreed_now=agreed_now)


def test_only_earlier_incomplete_actions_are_listed_for_review(locale, two_meetings):
    history = two_meetings
    assert list(incomplete_actions_for_review(actor=locale.actor("chair"), meeting=history.meeting)) == [
        history.still_open
    ]


def test_the_agenda_and_the_case_page_show_them(locale, two_meetings):
    history = two_meetings
    client = locale.client("coordinator")
    agenda = client.get(reverse("meetings:detail", kwargs={"pk": history.meeting.pk}))
    assert agenda.context["rows"][0].incomplete_actions == [history.still_open]
    assert "Fit new locks" in agenda.content.decode()
    case_page = client.get(reverse("meetings:item", kwargs={"pk": history.item.pk})).content.decode()
    assert (
        reverse("meetings:item_action_review", kwargs={"pk": history.item.pk, "action_pk": history.still_open.pk})
        in case_page
    )


def test_a_review_reason_is_recorded_and_can_be_corrected(locale, two_meetings):
    history = two_meetings
    url = reverse("meetings:item_action_review", kwargs={"pk": history.item.pk, "action_pk": history.still_open.pk})
    client = locale.client("chair")
    prefix = f"review-{history.still_open.pk}"
    response = client.post(url, {f"{prefix}-reason": ReviewReason.AGENCY_DID_NOT_ACT, f"{prefix}-note": "No reply"})
    assert response.status_code == 302
    client.post(url, {f"{prefix}-reason": ReviewReason.CIRCUMSTANCES_CHANGED, f"{prefix}-note": "She moved"})
    review = ActionReview.objects.get()
    assert (review.action, review.agenda_item) == (history.still_open, history.item)
    assert review.reason == ReviewReason.CIRCUMSTANCES_CHANGED
    assert review.note == "She moved"
    assert review.reviewed_by == locale.memberships["chair"].user


def test_a_review_needs_a_reason(locale, two_meetings):
    history = two_meetings
    url = reverse("meetings:item_action_review", kwargs={"pk": history.item.pk, "action_pk": history.still_open.pk})
    response = locale.client("chair").post(url, {f"review-{history.still_open.pk}-note": "Nothing"})
    assert response.status_code == 200
    assert "Choose why the action is not complete." in response.content.decode()
    assert not ActionReview.objects.exists()


def test_actions_that_are_done_or_agreed_at_this_meeting_cannot_be_reviewed_here(locale, two_meetings):
    history = two_meetings
    client = locale.client("chair")
    for action in (history.done, history.agreed_now):
        url = reverse("meetings:item_action_review", kwargs={"pk": history.item.pk, "action_pk": action.pk})
        response = client.post(url, {f"review-{action.pk}-reason": ReviewReason.COMPLETED_LATE})
        assert response.status_code == 404
    assert not ActionReview.objects.exists()
