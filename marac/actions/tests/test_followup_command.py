"""`manage.py action_reminders`: prints what it recorded; a second run records nothing."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from marac.actions.models import ActionNotice
from marac.actions.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def _run() -> str:
    out = StringIO()
    call_command("action_reminders", stdout=out)
    return out.getvalue()


def test_command_records_once_and_prints_no_action_text(locale):
    action = ActionFactory(
        case__locality=locale.locality,
        owner_agency=locale.housing,
        text="Call Amara Okafor about the locks",
        due_date=timezone.localdate() - dt.timedelta(days=2),
    )

    first = _run()
    second = _run()

    assert f"action {action.pk} of {locale.housing}" in first
    assert "Recorded 2 action notices." in first
    assert "Amara" not in first
    assert second.strip() == "No new action notices."
    assert ActionNotice.objects.count() == 2
