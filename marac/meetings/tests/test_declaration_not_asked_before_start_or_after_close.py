"""Before a meeting starts agencies research from identifiers without a declaration; once it closes none is asked."""

import pytest
from django.urls import reverse

from marac.meetings.models import Declaration, MeetingStatus

pytestmark = pytest.mark.django_db

PAGES = [
    ("coordinator", "meetings:detail", "meeting"),
    ("housing_rep", "meetings:detail", "meeting"),
    ("idva", "meetings:detail", "meeting"),
    ("housing_rep", "meetings:research", "item"),
    ("chair", "meetings:run", "meeting"),
    ("chair", "meetings:close", "meeting"),
    ("chair", "meetings:item", "item"),
]


@pytest.mark.parametrize("status", [MeetingStatus.SCHEDULED, MeetingStatus.CLOSED])
@pytest.mark.parametrize(("persona", "url_name", "target"), PAGES)
def test_pages_open_without_a_declaration(locale, meeting, list_case, status, persona, url_name, target):
    item = list_case(meeting)
    meeting.status = status
    meeting.save()
    url = reverse(url_name, kwargs={"pk": (meeting if target == "meeting" else item).pk})
    response = locale.client(persona).get(url)
    assert response.status_code == 200
    assert not Declaration.objects.exists()


def test_research_is_posted_before_the_meeting_without_a_declaration(locale, meeting, list_case):
    item = list_case(meeting)
    response = locale.client("housing_rep").post(
        reverse("meetings:research", kwargs={"pk": item.pk}), {"finding": "no_trace"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", kwargs={"pk": meeting.pk})


@pytest.mark.parametrize(
    ("status", "explanation"),
    [
        (MeetingStatus.SCHEDULED, "You will be asked to confirm this when it starts"),
        (MeetingStatus.CLOSED, "This meeting has closed. No confirmation is asked now."),
    ],
)
def test_the_declaration_page_explains_that_none_is_asked_now(locale, meeting, status, explanation):
    meeting.status = status
    meeting.save()
    page = locale.client("housing_rep").get(reverse("meetings:declare", kwargs={"pk": meeting.pk})).content.decode()
    assert explanation in page
    assert "I confirm" not in page
