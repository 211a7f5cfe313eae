"""While a meeting is in progress, its cases open only after the person has confirmed the declaration.

Every page of the meeting's cases sends them to the declaration first (302, not 404: they may see the meeting),
and a form posted before confirming changes nothing.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from marac.access.actor import SESSION_MEMBERSHIP_KEY
from marac.actions.models import Action, ActionReview
from marac.actions.tests.factories import ActionFactory
from marac.agencies.models import Membership, Role
from marac.meetings.models import AgendaItem, Attendance, AttendanceStatus, Research, ResearchFinding
from marac.meetings.services import meeting_start
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory, confirm_declarations

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(locale, meeting, list_case):
    item = list_case(meeting)
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    return meeting, item


def declaration_target(response, meeting) -> str:
    """Assert the response sends the user to the meeting's declaration; return where it will bring them back."""
    assert response.status_code == 302, response.status_code
    location = urlsplit(response["Location"])
    assert location.path == reverse("meetings:declare", kwargs={"pk": meeting.pk})
    return parse_qs(location.query)["next"][0]


GUARDED_PAGES = [
    # (persona, url name, whose pk)
    ("coordinator", "meetings:detail", "meeting"),
    ("chair", "meetings:detail", "meeting"),
    ("housing_rep", "meetings:detail", "meeting"),
    ("idva", "meetings:detail", "meeting"),
    ("chair", "meetings:run", "meeting"),
    ("coordinator", "meetings:close", "meeting"),
    ("chair", "meetings:item", "item"),
    ("coordinator", "meetings:item", "item"),
    ("housing_rep", "meetings:research", "item"),
    ("police_rep", "meetings:research", "item"),
]


@pytest.mark.parametrize(("persona", "url_name", "target"), GUARDED_PAGES)
def test_each_page_sends_an_unconfirmed_person_to_the_declaration_and_back(locale, started, persona, url_name, target):
    meeting, item = started
    url = reverse(url_name, kwargs={"pk": (meeting if target == "meeting" else item).pk})
    client = locale.client(persona)
    response = client.get(url)
    assert declaration_target(response, meeting) == url
    assert item.case.victim.full_name not in response.content.decode()

    confirmed = client.post(reverse("meetings:declare", kwargs={"pk": meeting.pk}), {"next": url})
    assert confirmed.status_code == 302 and confirmed["Location"] == url
    assert client.get(url).status_code == 200


def test_the_query_string_of_the_page_asked_for_is_kept(locale, started):
    meeting, _ = started
    url = reverse("meetings:detail", kwargs={"pk": meeting.pk}) + "?from=list"
    assert declaration_target(locale.client("coordinator").get(url), meeting) == url


def test_a_declaration_for_one_meeting_does_not_open_another(locale, started):
    meeting, _ = started
    other = MeetingFactory(locality=locale.locality, invited=[locale.housing])
    AgendaItemFactory(meeting=other, referral__referring_agency=locale.police)
    meeting_start(actor=locale.actor("chair"), meeting=other)
    confirm_declarations(locale, meeting, "housing_rep")
    client = locale.client("housing_rep")
    assert client.get(reverse("meetings:detail", kwargs={"pk": meeting.pk})).status_code == 200
    declaration_target(client.get(reverse("meetings:detail", kwargs={"pk": other.pk})), other)


def test_a_declaration_for_one_agency_does_not_cover_another_the_person_acts_for(locale, started):
    """Someone acting for two agencies confirms for each: the run page shows who spoke for which agency."""
    meeting, _ = started
    confirm_declarations(locale, meeting, "housing_rep")
    housing_user = locale.memberships["housing_rep"].user
    police_membership = Membership.objects.create(user=housing_user, agency=locale.police, role=Role.AGENCY_REP)
    client = locale.client("housing_rep")
    session = client.session
    session[SESSION_MEMBERSHIP_KEY] = police_membership.pk
    session.save()
    declaration_target(client.get(reverse("meetings:detail", kwargs={"pk": meeting.pk})), meeting)


def test_forms_posted_before_confirming_change_nothing(locale, started):
    meeting, item = started
    earlier = ActionFactory(case=item.case, owner_agency=locale.housing)
    item_url = reverse("meetings:item", kwargs={"pk": item.pk})
    chair = locale.client("chair")

    discussion = chair.post(item_url, {"risk_summary": "High", "discussion": "Shared history"})
    assert declaration_target(discussion, meeting) == item_url
    action = chair.post(
        reverse("meetings:item_action_add", kwargs={"pk": item.pk}),
        {"owner_agency": locale.police.pk, "catalogue_action": "", "text": "Flag address", "due_date": "2030-01-01"},
    )
    assert declaration_target(action, meeting) == item_url
    review = chair.post(
        reverse("meetings:item_action_review", kwargs={"pk": item.pk, "action_pk": earlier.pk}),
        {f"review-{earlier.pk}-reason": "agency_did_not_act"},
    )
    assert declaration_target(review, meeting) == item_url
    attendance = chair.post(
        reverse("meetings:attendance", kwargs={"pk": meeting.pk}),
        {f"status_{locale.police.pk}": AttendanceStatus.ABSENT},
    )
    assert declaration_target(attendance, meeting) == reverse("meetings:run", kwargs={"pk": meeting.pk})
    close_url = reverse("meetings:close", kwargs={"pk": meeting.pk})
    assert declaration_target(chair.post(close_url, {f"outcome_{item.pk}": "closed"}), meeting) == close_url
    research_url = reverse("meetings:research", kwargs={"pk": item.pk})
    research = locale.client("housing_rep").post(research_url, {"finding": ResearchFinding.NO_TRACE})
    assert declaration_target(research, meeting) == research_url

    item = AgendaItem.objects.get(pk=item.pk)
    assert item.discussed_at is None and item.outcome == ""
    assert list(Action.objects.all()) == [earlier]
    assert not ActionReview.objects.exists()
    assert not Attendance.objects.exists()
    assert not Research.objects.exists()


def test_an_action_added_in_place_sends_the_whole_page_to_the_declaration(locale, started):
    meeting, item = started
    response = locale.client("chair").post(
        reverse("meetings:item_action_add", kwargs={"pk": item.pk}),
        {"owner_agency": locale.police.pk, "catalogue_action": "", "text": "Flag", "due_date": "2030-01-01"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    location = urlsplit(response["HX-Redirect"])
    assert location.path == reverse("meetings:declare", kwargs={"pk": meeting.pk})
    assert parse_qs(location.query)["next"] == [reverse("meetings:item", kwargs={"pk": item.pk})]
    assert not Action.objects.exists()


def test_starting_the_meeting_leads_the_chair_to_the_declaration(locale, meeting, list_case):
    list_case(meeting)
    client = locale.client("chair")
    started = client.post(reverse("meetings:start", kwargs={"pk": meeting.pk}), follow=True)
    assert started.redirect_chain[-1][0].startswith(reverse("meetings:declare", kwargs={"pk": meeting.pk}))
    assert "I confirm" in started.content.decode()
