"""A choice the form never offered (another locality's agency id typed into the page) is refused and audited."""

import pytest
from django.urls import reverse

from marac.actions.models import Action
from marac.actions.tests.test_action_create import due
from marac.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_another_localitys_agency_as_owner(locale, other_locale, item):
    response = locale.client("chair").post(
        reverse("meetings:item_action_add", kwargs={"pk": item.pk}),
        {"owner_agency": other_locale.police.pk, "text": "Visit her", "due_date": due().isoformat()},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not Action.objects.exists()
    event = AuditEvent.objects.get(action=AuditAction.DENIED, summary="Refused a choice the form never offered")
    assert event.actor == locale.memberships["chair"].user
    assert event.detail == {"form": "LiveActionForm", "fields": ["owner_agency"]}


def test_an_ordinary_mistake_is_not_called_tampering(locale, item):
    locale.client("chair").post(
        reverse("meetings:item_action_add", kwargs={"pk": item.pk}),
        {"owner_agency": "", "text": "", "due_date": due().isoformat()},
    )
    assert not AuditEvent.objects.filter(summary="Refused a choice the form never offered").exists()
