"""Actions are agreed at the meeting, from the catalogue or in free text, each with one owner agency."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.actions.models import Action, ActionStatus
from marac.actions.services import action_create
from marac.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def post(client, item, **data):
    return client.post(reverse("meetings:item_action_add", kwargs={"pk": item.pk}), data)


def due(days=10):
    return timezone.localdate() + dt.timedelta(days=days)


def test_the_form_defaults_the_due_date_and_groups_the_catalogue_by_kind_of_agency(locale, item):
    form = locale.client("chair").get(reverse("meetings:item", kwargs={"pk": item.pk})).context["action_form"]
    assert form["due_date"].initial == timezone.localdate() + dt.timedelta(days=locale.locality.action_due_days)
    groups = [label for label, _ in form.fields["catalogue_action"].choices[1:]]
    assert set(groups) == {"Police", "Housing", "Specialist domestic abuse service (IDVA)"}
    assert set(form.fields["owner_agency"].queryset) == {locale.police, locale.housing, locale.idva_service}


def test_an_action_from_the_catalogue(locale, item, alarm):
    response = post(
        locale.client("chair"),
        item,
        owner_agency=locale.police.pk,
        catalogue_action=alarm.pk,
        due_date=due().isoformat(),
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.text == alarm.text
    assert action.catalogue_action == alarm
    assert (action.case, action.agenda_item, action.owner_agency) == (item.case, item, locale.police)
    assert action.status == ActionStatus.OPEN
    assert action.due_date == due()
    assert action.created_by == locale.memberships["chair"].user
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="actions.action", case=item.case).exists()


def test_an_action_in_free_text(locale, item):
    response = post(
        locale.client("coordinator"),
        item,
        owner_agency=locale.housing.pk,
        text="Move her to the top of the transfer list",
        due_date=due().isoformat(),
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.text == "Move her to the top of the transfer list"
    assert action.catalogue_action is None


@pytest.mark.parametrize(
    "extra, message",
    [
        ({}, "Choose an action from the catalogue or write one."),
        ({"text": "Also this"}, "not both"),
    ],
)
def test_the_action_text_comes_from_exactly_one_place(locale, item, alarm, extra, message):
    data = {"owner_agency": locale.police.pk, "due_date": due().isoformat(), **extra}
    if extra:
        data["catalogue_action"] = alarm.pk
    response = post(locale.client("chair"), item, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Action.objects.exists()


def test_a_catalogue_action_must_suit_the_owner_agency(locale, item, alarm):
    response = post(
        locale.client("chair"),
        item,
        owner_agency=locale.housing.pk,
        catalogue_action=alarm.pk,
        due_date=due().isoformat(),
    )
    assert response.status_code == 200
    assert "is an action for Police" in response.content.decode()
    assert not Action.objects.exists()


def test_the_owner_must_be_invited_and_the_due_date_not_past(locale, item):
    with pytest.raises(ValidationError) as refusal:
        action_create(
            actor=locale.actor("chair"),
            case=item.case,
            owner_agency=locale.health,
            text="Flag records",
            due_date=due(-1),
            agenda_item=item,
        )
    assert set(refusal.value.message_dict) == {"due_date", "owner_agency"}
    assert not Action.objects.exists()


@pytest.mark.parametrize("persona", ["police_rep", "idva", "housing_rep"])
def test_agencies_cannot_add_actions_to_the_meeting(locale, item, persona):
    response = post(locale.client(persona), item, owner_agency=locale.police.pk, text="x", due_date=due().isoformat())
    assert response.status_code == 404
    assert not Action.objects.exists()
