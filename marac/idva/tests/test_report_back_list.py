"""The report-back list: the service's own tasks, outstanding first, overdue ones marked."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.idva.tests.factories import ReportBackFactory, allocated_case, second_idva_service

URL = reverse("idva:report_backs")


@pytest.mark.django_db
def test_outstanding_first_soonest_due_first_then_completed(locale):
    today = timezone.localdate()
    completed = ReportBackFactory(
        case=allocated_case(locale), due_date=today - dt.timedelta(days=20), completed_at=timezone.now()
    )
    later = ReportBackFactory(case=allocated_case(locale), due_date=today + dt.timedelta(days=2))
    overdue = ReportBackFactory(case=allocated_case(locale), due_date=today - dt.timedelta(days=3))

    response = locale.client("idva").get(URL)

    assert list(response.context["page"]) == [overdue, later, completed]
    assert response.context["outstanding_count"] == 2
    assert response.context["overdue_count"] == 1
    content = response.content.decode()
    assert content.count("Overdue</strong>") == 1
    assert content.count("Due</strong>") == 1
    assert content.count("Done</strong>") == 1


@pytest.mark.django_db
def test_another_services_report_backs_are_not_listed(locale):
    ours = ReportBackFactory(case=allocated_case(locale))
    ReportBackFactory(case=allocated_case(locale, idva_agency=second_idva_service(locale).agency))

    response = locale.client("idva").get(URL)

    assert list(response.context["page"]) == [ours]
    event = AuditEvent.objects.filter(action=AuditAction.LIST).latest("pk")
    assert event.detail == {"ids": [ours.pk]}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["housing_rep", "police_referrer", "analyst"])
def test_other_roles_get_not_found(locale, persona):
    assert locale.client(persona).get(URL).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 20])
def test_query_count_is_pinned(locale, django_assert_max_num_queries, count):
    for _ in range(count):
        ReportBackFactory(case=allocated_case(locale))
    client = locale.client("idva")
    # Session, user, memberships; count, page, outstanding and overdue counts; the audit event (four, five on
    # PostgreSQL, which also takes the audit chain's lock).
    with django_assert_max_num_queries(13 + (connection.vendor == "postgresql")):
        response = client.get(URL)
    assert len(response.context["page"]) == count
