"""The search page costs the same number of queries for one event as for a full page of them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.testing.factories import CaseFactory, PersonFactory

# The page's own: the name and reference counts, the page count, the page, and recording the search (a savepoint,
# the last event's hash, the insert, the release; PostgreSQL also takes the chain's lock). The rest is what every
# page costs (session, user, two-factor device, membership with the sharing agreement's signature).
QUERY_CEILING = 15 + (connection.vendor == "postgresql")


def test_query_count_does_not_grow_with_events(locale, django_assert_max_num_queries):
    person = PersonFactory(locality=locale.locality, family_name="Okafor")
    case = CaseFactory(locality=locale.locality, victim=person, reference="RS-00009")
    actors = [locale.actor(persona) for persona in ("housing_rep", "police_rep", "idva", "coordinator")]

    def record(count: int) -> None:
        for n in range(count):
            audit_record(actor=actors[n % len(actors)], action=AuditAction.VIEW, target=case, case=case)

    client = locale.client("auditor")
    address = client.post(reverse("audit:search"), {"person": "okafor", "case_reference": "RS-00009"}).url
    record(1)
    with CaptureQueriesContext(connection) as for_one:
        response = client.get(address)
    assert len(response.context["page"].object_list) == 1
    assert len(for_one) <= QUERY_CEILING

    record(60)
    with django_assert_max_num_queries(len(for_one)):
        response = client.get(address)
    assert len(response.context["page"].object_list) == 50
