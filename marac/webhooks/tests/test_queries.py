"""Writing events costs the same number of queries for one record as for many: one look-up per subscribed client."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marac.actions.tests.factories import ActionFactory
from marac.agencies.models import Role
from marac.webhooks.models import WebhookDelivery, WebhookEvent
from marac.webhooks.outbox import events_occurred
from marac.webhooks.tests.helpers import subscribed

pytestmark = pytest.mark.django_db


def _queries(actions) -> int:
    with CaptureQueriesContext(connection) as queries:
        events_occurred(WebhookEvent.ACTION_OVERDUE, actions)
    return len(queries)


def test_one_overdue_action_costs_as_much_as_twelve(locale):
    subscribed(locale.housing, Role.AGENCY_REP, ["action.overdue"])
    subscribed(locale.idva_service, Role.COORDINATOR, ["action.overdue"])
    late = timezone.localdate() - dt.timedelta(days=1)
    actions = [
        ActionFactory(case__locality=locale.locality, owner_agency=locale.housing, due_date=late) for _ in range(12)
    ]
    one = _queries(actions[:1])
    twelve = _queries(actions)
    assert twelve == one
    # Both clients may see every one of them: 1 + 12 records, twice.
    assert WebhookDelivery.objects.count() == 26
