"""Before circulation an invited agency sees the meeting, not its cases; the coordinator sees them and circulates."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.circulation.models import Circulation
from marac.circulation.tests.conftest import CONTACTS, addresses
from marac.meetings.models import MeetingMode, MeetingStatus
from marac.meetings.tests.factories import MeetingFactory, confirm_declarations

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(contacts):
    return MeetingFactory(
        locality=contacts.locality,
        scheduled_for=timezone.now() + dt.timedelta(days=10),
        invited=[contacts.police, contacts.housing],
        circulated=False,
    )


@pytest.fixture
def item(meeting, list_case):
    return list_case(meeting)


def agenda(locale, persona, meeting) -> str:
    response = locale.client(persona).get(reverse("meetings:detail", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_an_invited_agency_sees_when_the_list_will_come_and_no_case(locale, meeting, item):
    page = agenda(locale, "housing_rep", meeting)

    due = timezone.localtime(meeting.scheduled_for - dt.timedelta(days=locale.locality.agenda_lead_days))
    assert f"The case list will be circulated on {due:%A} {due.day} {due:%B %Y}" in page
    assert item.case.reference not in page
    assert item.case.victim.family_name not in page
    assert "Post your research" not in page


def test_the_research_page_is_not_found_before_circulation(locale, item):
    response = locale.client("housing_rep").get(reverse("meetings:research", kwargs={"pk": item.pk}))

    assert response.status_code == 404
    refusal = AuditEvent.objects.get(action=AuditAction.DENIED, actor=locale.memberships["housing_rep"].user)
    assert refusal.detail == {"object_type": "meetings.agendaitem", "object_id": str(item.pk)}


def test_the_coordinator_sees_the_cases_and_may_circulate_now(locale, meeting, item):
    page = agenda(locale, "coordinator", meeting)

    assert item.case.reference in page
    assert "Not circulated yet" in page
    assert reverse("circulation:circulate", kwargs={"pk": meeting.pk}) in page


def test_the_chair_sees_the_cases_but_no_circulate_button(locale, meeting, item):
    page = agenda(locale, "chair", meeting)

    assert item.case.reference in page
    assert reverse("circulation:circulate", kwargs={"pk": meeting.pk}) not in page


def test_circulate_now_releases_the_list_and_tells_agencies(locale, meeting, item, mailoutbox):
    response = locale.client("coordinator").post(reverse("circulation:circulate", kwargs={"pk": meeting.pk}))

    assert response.status_code == 302
    circulation = Circulation.objects.get(meeting=meeting)
    assert circulation.circulated_by == locale.memberships["coordinator"].user
    assert addresses(mailoutbox) == sorted([CONTACTS["police"], CONTACTS["housing"]])
    page = agenda(locale, "housing_rep", meeting)
    assert "Restricted information" in page
    assert page.index("Restricted information") < page.index(item.case.reference)
    assert "Post your research" in page
    research = locale.client("housing_rep").get(reverse("meetings:research", kwargs={"pk": item.pk}))
    assert research.status_code == 200


def test_circulating_again_tells_only_about_cases_added_since(locale, meeting, item, list_case, mailoutbox):
    client = locale.client("coordinator")
    url = reverse("circulation:circulate", kwargs={"pk": meeting.pk})
    client.post(url)
    mailoutbox.clear()

    response = client.post(url, follow=True)
    assert mailoutbox == []
    assert "every agency has already been told" in response.content.decode()

    list_case(meeting)
    client.post(url)
    assert len(mailoutbox) == 2
    assert Circulation.objects.count() == 1


def test_an_empty_case_list_cannot_be_circulated(locale, meeting, mailoutbox):
    response = locale.client("coordinator").post(
        reverse("circulation:circulate", kwargs={"pk": meeting.pk}), follow=True
    )

    assert "List at least one case before circulating" in response.content.decode()
    assert not Circulation.objects.exists()
    assert mailoutbox == []


def test_once_the_meeting_has_started_invited_agencies_see_the_list_anyway(locale, meeting, item):
    meeting.status = MeetingStatus.IN_PROGRESS
    meeting.mode = MeetingMode.EMERGENCY
    meeting.save()
    confirm_declarations(locale, meeting, "housing_rep")

    assert item.case.reference in agenda(locale, "housing_rep", meeting)
