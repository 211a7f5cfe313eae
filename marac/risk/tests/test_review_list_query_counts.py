"""The reviews list costs the same number of queries for one case as for twenty."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.risk.models import ReviewEvent, ReviewTrigger
from marac.risk.tests.review_factories import hear_case, make_assessment, make_case
from marac.testing.factories import UserFactory
from marac.testing.queries import audit_lock_queries

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def add_due_cases(locale, count: int) -> None:
    now = timezone.now()
    for index in range(count):
        case = make_case(locale, idva_agency=locale.idva_service)
        hear_case(locale, case, invited=[locale.police, locale.idva_service])
        make_assessment(case, level="high", agency=locale.police, assessed_at=now - (index % 10) * DAY)
        for event in (ReviewEvent.NEW_INCIDENT, ReviewEvent.SEPARATION)[: index % 3]:
            ReviewTrigger.objects.create(
                case=case,
                event=event,
                event_at=now - DAY,
                review_due=now,
                recorded_by=UserFactory(),
                agency=locale.police,
                recorded_at=now,
            )


def queries_for(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("risk:reviews"))
    assert response.status_code == 200
    return len(captured), len(response.context["rows"])


@pytest.mark.parametrize("persona", ["coordinator", "idva", "police_rep"])
def test_query_count_is_constant(locale, persona, django_assert_max_num_queries):
    client = locale.client(persona)
    add_due_cases(locale, 1)
    one, shown = queries_for(client)
    assert shown == 1
    add_due_cases(locale, 19)
    twenty, shown = queries_for(client)
    assert shown == 20
    assert twenty == one
    with django_assert_max_num_queries(12 + audit_lock_queries(1)):
        client.get(reverse("risk:reviews"))
