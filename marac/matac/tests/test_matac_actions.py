"""Perpetrator-focused actions: agreed at the MATAC meeting in progress with one owner agency and a category of
tactic; the owner agency sees and updates its own; overdue ones stand at the top of the coordinator's MATAC pages."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.actions.models import ActionStatus
from marac.audit.models import AuditAction, AuditEvent
from marac.matac.models import MatacAction, MatacActionUpdate, NominationStatus, TacticCategory
from marac.matac.tests.factories import listing_of, matac_action, matac_meeting, nomination_of
from marac.meetings.models import MeetingStatus
from marac.meetings.tests.factories import confirm_declarations
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def listing(locale):
    """Karl Rook on a MATAC meeting in progress; police, housing and the IDVA service invited; the chair and the
    coordinator have confirmed the declaration."""
    person = PersonFactory(locality=locale.locality, given_name="Karl", family_name="Rook")
    nomination = nomination_of(locale, person, status=NominationStatus.SELECTED)
    meeting = matac_meeting(locale, status=MeetingStatus.IN_PROGRESS, days=0)
    confirm_declarations(locale, meeting, "chair", "coordinator")
    return listing_of(meeting, nomination)


def _post_action(client, listing, **fields):
    data = {
        "category": TacticCategory.DISRUPTION,
        "owner_agency": fields.pop("owner").pk,
        "text": "Check his bail address every week and act on any breach.",
        "due_date": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
        **fields,
    }
    return client.post(reverse("matac:listing_action_add", args=[listing.pk]), data)


@pytest.mark.parametrize("category", TacticCategory.values)
def test_an_action_of_each_category_is_agreed_at_the_meeting(locale, listing, category):
    response = _post_action(locale.client("chair"), listing, owner=locale.police, category=category)
    assert response["Location"] == reverse("matac:listing", args=[listing.pk]) + "#actions"
    action = MatacAction.objects.get()
    assert (action.category, action.owner_agency, action.nomination, action.status) == (
        category,
        locale.police,
        listing.nomination,
        ActionStatus.OPEN,
    )
    assert AuditEvent.objects.get(action=AuditAction.CREATE, object_type="matac.matacaction").detail["category"] == (
        category
    )


def test_bad_actions_are_refused_on_their_field(locale, listing):
    client = locale.client("chair")
    page = _text(_post_action(client, listing, owner=locale.health))  # not invited: never offered
    assert "Select a valid choice" in page
    page = _text(_post_action(client, listing, owner=locale.police, category="", text=" "))
    assert "Choose the kind of tactic." in page and "Write the action." in page
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    page = _text(_post_action(client, listing, owner=locale.police, due_date=yesterday))
    assert "The due date must be today or later." in page
    assert not MatacAction.objects.exists()


def test_actions_are_agreed_only_while_the_meeting_is_in_progress(locale, listing):
    meeting = listing.meeting
    meeting.status = MeetingStatus.CLOSED
    meeting.save()
    page = _text(_post_action(locale.client("chair"), listing, owner=locale.police))
    assert "Actions are agreed while the meeting is in progress." in page
    assert not MatacAction.objects.exists()


def test_the_owner_agency_sees_and_updates_its_own_and_no_other(locale, listing):
    police_action = matac_action(listing, locale.police)
    housing_action = matac_action(listing, locale.housing, category=TacticCategory.SUPPORT, text="Tenancy support")
    police = locale.client("police_rep")
    listed = _text(police.get(reverse("matac:actions")))
    assert "Check his bail address weekly" in listed and "Tenancy support" not in listed
    assert police.get(reverse("matac:action", args=[housing_action.pk])).status_code == 404
    assert police.get(reverse("matac:action_update", args=[housing_action.pk])).status_code == 404

    response = police.post(
        reverse("matac:action_update", args=[police_action.pk]),
        {"status": ActionStatus.IN_PROGRESS, "note": "Visited twice; he was in."},
    )

    assert response["Location"] == reverse("matac:action", args=[police_action.pk])
    police_action.refresh_from_db()
    assert police_action.status == ActionStatus.IN_PROGRESS
    update = MatacActionUpdate.objects.get()
    assert (update.agency, update.status_before, update.note) == (
        locale.police,
        ActionStatus.OPEN,
        "Visited twice; he was in.",
    )
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="matac.matacaction").count() == 1
    # Housing cannot touch the police's action.
    response = locale.client("housing_rep").post(
        reverse("matac:action_update", args=[police_action.pk]), {"status": ActionStatus.DONE, "note": "x"}
    )
    assert response.status_code == 404
    # "Not possible" needs the reason.
    page = _text(police.post(reverse("matac:action_update", args=[police_action.pk]), {"status": "not_possible"}))
    assert "Explain why the action is not possible." in page


def test_overdue_actions_are_impossible_to_miss(locale, listing):
    late = matac_action(listing, locale.housing, due_in_days=-3, text="Refer him to the tenancy panel")
    matac_action(listing, locale.police, due_in_days=5, text="Not late yet")
    matac_action(listing, locale.police, due_in_days=-9, status=ActionStatus.DONE, text="Done though late")

    overview = _text(locale.client("coordinator").get(reverse("matac:overview")))

    assert "Overdue MATAC action: 1" in overview
    assert overview.index("Overdue MATAC action") < overview.index("MATAC: multi-agency tasking")
    assert "Refer him to the tenancy panel" in overview and "Not late yet" not in overview
    assert AuditEvent.objects.filter(summary="Viewed the MATAC overview").get().detail["overdue_actions"] == [late.pk]
    meeting_page = _text(locale.client("coordinator").get(reverse("matac:meeting", args=[listing.meeting_id])))
    assert "Overdue MATAC action: 1" in meeting_page
    actions_page = _text(locale.client("coordinator").get(reverse("matac:actions")))
    assert "1 MATAC action overdue" in actions_page
    only_overdue = locale.client("coordinator").get(reverse("matac:actions"), {"overdue": "1"})
    assert [action.pk for action in only_overdue.context["page"]] == [late.pk]
    # The owner agency is told too; the police, whose actions are in time, are not.
    assert "Overdue MATAC action: 1" in _text(locale.client("housing_rep").get(reverse("matac:overview")))
    assert "Overdue MATAC action" not in _text(locale.client("police_rep").get(reverse("matac:overview")))


def test_another_area_finds_no_action(locale, other_locale, listing):
    action = matac_action(listing, locale.police)
    client = other_locale.client("coordinator")
    assert client.get(reverse("matac:action", args=[action.pk])).status_code == 404
    assert client.post(reverse("matac:action_update", args=[action.pk]), {"status": "done"}).status_code == 404
    assert client.get(reverse("matac:actions")).context["page"].paginator.count == 0
