"""Owner agencies record progress; every change leaves a dated entry in the action's trail."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from marac.actions.models import ActionStatus, ActionUpdate
from marac.actions.services import action_update
from marac.actions.tests.factories import ActionFactory
from marac.audit.models import AuditAction, AuditEvent
from marac.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(locale):
    return ActionFactory(case=CaseFactory(locality=locale.locality), owner_agency=locale.police, text="Fit an alarm")


def update_url(action):
    return reverse("actions:update", kwargs={"pk": action.pk})


def test_progress_leaves_a_dated_trail(locale, action):
    client = locale.client("police_rep")
    response = client.post(update_url(action), {"status": ActionStatus.IN_PROGRESS, "note": "Engineer booked"})
    assert response.status_code == 302
    client.post(update_url(action), {"status": ActionStatus.DONE, "note": "Alarm fitted and tested"})
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.completed_at is not None
    trail = list(action.updates.all())
    assert [(u.status_before, u.status_after, u.note) for u in trail] == [
        (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, "Engineer booked"),
        (ActionStatus.IN_PROGRESS, ActionStatus.DONE, "Alarm fitted and tested"),
    ]
    assert all(u.agency == locale.police and u.author == locale.memberships["police_rep"].user for u in trail)
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="actions.action").count() == 2

    page = client.get(reverse("actions:detail", kwargs={"pk": action.pk})).content.decode()
    assert "Engineer booked" in page and "Alarm fitted and tested" in page


def test_not_possible_needs_a_reason(locale, action):
    response = locale.client("police_rep").post(update_url(action), {"status": ActionStatus.NOT_POSSIBLE, "note": ""})
    assert response.status_code == 200
    assert "Explain why the action is not possible." in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    assert not ActionUpdate.objects.exists()

    action_update(
        actor=locale.actor("police_rep"), action=action, status=ActionStatus.NOT_POSSIBLE, note="She declined it"
    )
    action.refresh_from_db()
    assert (action.status, action.not_possible_reason, action.completed_at) == (
        ActionStatus.NOT_POSSIBLE,
        "She declined it",
        None,
    )


def test_a_note_without_a_change_of_status_is_kept_but_an_empty_update_is_refused(locale, action):
    actor = locale.actor("police_rep")
    action_update(actor=actor, action=action, status=ActionStatus.OPEN, note="Tried to call twice")
    assert ActionUpdate.objects.get().note == "Tried to call twice"
    with pytest.raises(ValidationError):
        action_update(actor=actor, action=action, status=ActionStatus.OPEN, note="  ")


def test_reopening_a_done_action_clears_its_completion(locale, action):
    actor = locale.actor("police_rep")
    action_update(actor=actor, action=action, status=ActionStatus.DONE, note="")
    action_update(actor=actor, action=action, status=ActionStatus.IN_PROGRESS, note="Alarm faulty")
    action.refresh_from_db()
    assert action.completed_at is None


def test_the_coordinator_may_update_any_action(locale, action):
    response = locale.client("coordinator").post(update_url(action), {"status": ActionStatus.DONE, "note": "Confirmed"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
