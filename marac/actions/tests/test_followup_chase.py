"""The IDVA chases an owner agency about an action on her service's case; recorded, audited, shown as who and when."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.actions.followup import action_chase
from marac.actions.models import ActionChase, ActionStatus
from marac.actions.tests.factories import ActionFactory
from marac.audit.models import AuditAction, AuditEvent
from marac.testing.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(locale):
    return ActionFactory(
        case__locality=locale.locality,
        case__idva_agency=locale.idva_service,
        owner_agency=locale.housing,
        due_date=timezone.localdate() + dt.timedelta(days=5),
    )


def test_idva_chase_is_recorded_and_audited(locale, action):
    response = locale.client("idva").post(reverse("actions:chase", args=[action.pk]), {"note": "  Phoned the team. "})

    assert response.status_code == 302
    assert response["Location"] == reverse("actions:detail", args=[action.pk])
    chase = ActionChase.objects.get()
    assert chase.chased_by == locale.memberships["idva"].user
    assert chase.chased_by_agency == locale.idva_service
    assert chase.chased_agency == locale.housing
    assert chase.note == "Phoned the team."
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="actions.actionchase")
    assert event.case_id == action.case_id


def test_coordinator_may_chase(locale, action):
    chase = action_chase(actor=locale.actor("coordinator"), action=action, note="")

    assert chase.chased_agency == locale.housing


def test_idva_of_another_service_may_not_chase(locale, action):
    action.case.idva_agency = AgencyFactory(locality=locale.locality, agency_type="idva_service")
    action.case.save()

    with pytest.raises(PermissionDenied):
        action_chase(actor=locale.actor("idva"), action=action, note="")
    assert not ActionChase.objects.exists()


def test_finished_action_cannot_be_chased(locale, action):
    action.status = ActionStatus.DONE
    action.save()

    with pytest.raises(ValidationError) as error:
        action_chase(actor=locale.actor("idva"), action=action, note="")
    assert "nothing to chase" in str(error.value)

    response = locale.client("idva").post(reverse("actions:chase", args=[action.pk]), {"note": ""}, follow=True)
    assert "nothing to chase" in response.content.decode()
    assert not ActionChase.objects.exists()


def test_owner_agency_gets_404_and_nothing_is_recorded(locale, action):
    response = locale.client("housing_rep").post(reverse("actions:chase", args=[action.pk]), {"note": ""})

    assert response.status_code == 404
    assert not ActionChase.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DENIED).exists()


def test_get_is_not_allowed(locale, action):
    response = locale.client("idva").get(reverse("actions:chase", args=[action.pk]))

    assert response.status_code == 405


def test_the_action_page_offers_the_chase_to_the_cases_idva_only(locale):
    from marac.access.tests.world import build_world

    world = build_world(locale)
    url = reverse("actions:detail", args=[world.action.pk])
    chase = reverse("actions:chase", args=[world.action.pk])
    assert chase in locale.client("idva").get(url).content.decode()
    assert chase not in locale.client("housing_rep").get(url).content.decode()
