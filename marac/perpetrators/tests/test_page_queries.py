"""Every page of the app runs a fixed number of queries, however many orders, breaches and programmes there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marac.access.tests.world import build_world
from marac.perpetrators.tests.factories import breach_of, order_on, programme_for, respond
from marac.referrals.models import CaseParty, PartyRole
from marac.testing.factories import PersonFactory
from marac.testing.queries import audit_lock_queries

pytestmark = pytest.mark.django_db


def _grow(locale, world, rows: int) -> dict:
    """`rows` more orders (each with a breach, a response and a programme) and household members on the case."""
    for index in range(rows):
        order = order_on(world.case, owner=locale.police, ends_in_days=4 + index)
        respond(breach_of(order, agency=locale.housing), agency=locale.police, hours=index + 1)
        breach_of(order, agency=locale.housing)
        programme_for(world.case, agency=locale.police, order=order)
        CaseParty.objects.create(case=world.case, person=PersonFactory(locality=locale.locality), role=PartyRole.CHILD)
    order = world.case.orders.order_by("pk").first()
    return {
        "order": order,
        "breach": order.breaches.filter(response=None).first(),
        "programme": order.programmes.first(),
    }


# Each page: what it reads beyond sign-in, the memberships bringing the agreement check (4), and its audit event (4
# with its savepoint).
PAGES = {
    # the orders (count, page), the settings
    "perpetrators:orders": (lambda w, o: {}, "police_rep", 4 + 3 + 4),
    # the order with its conditions, the settings, its breaches, its programmes
    "perpetrators:order_detail": (lambda w, o: {"pk": o["order"].pk}, "police_rep", 4 + 5 + 4),
    # the order with its conditions
    "perpetrators:breach_new": (lambda w, o: {"order_pk": o["order"].pk}, "police_rep", 4 + 2 + 4),
    # the breach with its order, the settings
    "perpetrators:breach_respond": (lambda w, o: {"pk": o["breach"].pk}, "police_rep", 4 + 2 + 4),
    # the case, its parties, the agencies
    "perpetrators:order_new": (lambda w, o: {"case_pk": w.case.pk}, "police_rep", 4 + 3 + 4),
    # the case, its parties, its orders, the agencies
    "perpetrators:programme_new": (lambda w, o: {"case_pk": w.case.pk}, "police_rep", 4 + 4 + 4),
    # the programme, its reports
    "perpetrators:programme_update": (lambda w, o: {"pk": o["programme"].pk}, "coordinator", 4 + 2 + 4),
}


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", sorted(PAGES))
def test_each_page_runs_a_fixed_number_of_queries(locale, url_name):
    world = build_world(locale)
    fill, persona, expected = PAGES[url_name]
    objects = _grow(locale, world, 1)
    client = locale.client(persona)
    url = reverse(url_name, kwargs=fill(world, objects))
    assert _count(client, url) == expected + audit_lock_queries(1)
    _grow(locale, world, 8)
    assert _count(client, url) == expected + audit_lock_queries(1)
