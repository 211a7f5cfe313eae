"""The IDVA's case list runs the same number of queries for one case as for twenty."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marac.idva.tests.factories import (
    AssessmentFactory,
    ReportBackFactory,
    VictimContactFactory,
    allocated_case,
)

URL = reverse("idva:cases")
# Session, user, memberships; count and page of cases; the audit event (savepoint, last hash, insert, release),
# which on PostgreSQL also takes the audit chain's lock.
# One more than the page itself: the verified second factor (the memberships bring the signed sharing agreement).
QUERY_BUDGET = 10 + (connection.vendor == "postgresql")


def build_cases(locale, count):
    idva_user = locale.memberships["idva"].user
    for number in range(count):
        case = allocated_case(locale, idva_user=idva_user if number % 2 else None)
        AssessmentFactory(case=case)
        VictimContactFactory(case=case)
        VictimContactFactory(case=case, successful=False)
        ReportBackFactory(case=case)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 20])
def test_query_count_is_pinned(locale, django_assert_max_num_queries, count):
    build_cases(locale, count)
    client = locale.client("idva")
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(URL)
    assert len(response.context["page"]) == count


@pytest.mark.django_db
def test_twenty_cases_cost_no_more_queries_than_one(locale):
    client = locale.client("idva")
    counts = []
    for added in (1, 19):
        build_cases(locale, added)
        with CaptureQueriesContext(connection) as queries:
            client.get(URL)
        counts.append(len(queries))
    assert counts[0] == counts[1]
