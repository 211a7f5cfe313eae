"""'Our actions' costs the same number of queries for one action as for thirty."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marac.actions.tests.factories import ActionFactory
from marac.meetings.tests.factories import AgendaItemFactory
from marac.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db


def add_actions(locale, count: int) -> None:
    for index in range(count):
        if index % 2:
            item = AgendaItemFactory(meeting__locality=locale.locality, referral__referring_agency=locale.police)
            ActionFactory(case=item.case, agenda_item=item, owner_agency=locale.police)
        else:
            ActionFactory(case=CaseFactory(locality=locale.locality), owner_agency=locale.police)


def queries_for(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("actions:ours"))
    assert response.status_code == 200
    return len(captured), len(response.context["page"].object_list)


@pytest.mark.parametrize("persona", ["police_rep", "coordinator"])
def test_query_count_is_constant(locale, persona, django_assert_max_num_queries):
    client = locale.client(persona)
    add_actions(locale, 1)
    one, shown = queries_for(client)
    assert shown == 1
    add_actions(locale, 29)
    thirty, shown = queries_for(client)
    assert shown == 30
    assert thirty == one
    with django_assert_max_num_queries(15):
        client.get(reverse("actions:ours"))
