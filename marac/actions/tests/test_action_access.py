"""Another agency cannot see or update an action it does not own: 404, never 403."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from marac.actions.models import ActionStatus, ActionUpdate
from marac.actions.services import action_update
from marac.actions.tests.factories import ActionFactory
from marac.audit.models import AuditAction, AuditEvent
from marac.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(locale):
    return ActionFactory(case=CaseFactory(locality=locale.locality), owner_agency=locale.police)


@pytest.mark.parametrize("persona", ["housing_rep", "health_rep", "idva", "police_referrer", "analyst"])
def test_another_agency_gets_404(locale, action, persona):
    client = locale.client(persona)
    assert client.get(reverse("actions:detail", kwargs={"pk": action.pk})).status_code == 404
    response = client.post(
        reverse("actions:update", kwargs={"pk": action.pk}), {"status": ActionStatus.DONE, "note": "x"}
    )
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    assert not ActionUpdate.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DENIED).exists()


def test_another_locality_gets_404(other_locale, action):
    for persona in ("coordinator", "police_rep"):
        assert other_locale.client(persona).get(reverse("actions:detail", kwargs={"pk": action.pk})).status_code == 404


def test_the_chair_sees_the_action_but_may_not_update_it(locale, action):
    client = locale.client("chair")
    detail = client.get(reverse("actions:detail", kwargs={"pk": action.pk}))
    assert detail.status_code == 200
    assert reverse("actions:update", kwargs={"pk": action.pk}) not in detail.content.decode()
    assert client.get(reverse("actions:update", kwargs={"pk": action.pk})).status_code == 404


def test_the_service_refuses_too(locale, action):
    with pytest.raises(PermissionDenied):
        action_update(actor=locale.actor("housing_rep"), action=action, status=ActionStatus.DONE, note="")
