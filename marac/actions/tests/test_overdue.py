"""Overdue actions (due before today, still open or in progress) stand out and can be listed alone."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.actions.models import ActionStatus
from marac.actions.tests.factories import ActionFactory
from marac.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actions(locale):
    case = CaseFactory(locality=locale.locality)
    today = timezone.localdate()

    def make(text, days, status=ActionStatus.OPEN, owner=None):
        return ActionFactory(
            case=case,
            owner_agency=owner or locale.police,
            text=text,
            due_date=today + dt.timedelta(days=days),
            status=status,
        )

    return {
        "late": make("Late open action", -3),
        "late_in_progress": make("Late action under way", -1, ActionStatus.IN_PROGRESS),
        "due_today": make("Action due today", 0),
        "late_but_done": make("Late action now done", -5, ActionStatus.DONE),
        "housing_late": make("Housing late action", -2, owner=locale.housing),
    }


def listed(response) -> dict[str, bool]:
    return {action.text: action.is_overdue for action in response.context["page"]}


def test_overdue_is_marked(locale, actions):
    response = locale.client("police_rep").get(reverse("actions:ours"))
    assert listed(response) == {
        "Late open action": True,
        "Late action under way": True,
        "Action due today": False,
    }
    assert response.content.decode().count(">Overdue<") == 2


def test_overdue_only(locale, actions):
    response = locale.client("police_rep").get(reverse("actions:ours"), {"status": "", "overdue": "on"})
    assert set(listed(response)) == {"Late open action", "Late action under way"}


def test_any_status_includes_finished_actions_which_are_never_overdue(locale, actions):
    response = locale.client("police_rep").get(reverse("actions:ours"), {"status": ""})
    assert listed(response)["Late action now done"] is False


def test_the_coordinator_sees_every_agency_and_filters_by_agency(locale, actions):
    client = locale.client("coordinator")
    everyone = listed(client.get(reverse("actions:ours"), {"overdue": "on", "status": "incomplete"}))
    assert set(everyone) == {"Late open action", "Late action under way", "Housing late action"}
    housing = listed(client.get(reverse("actions:ours"), {"overdue": "on", "agency": locale.housing.pk}))
    assert set(housing) == {"Housing late action"}
