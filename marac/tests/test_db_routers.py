"""The read replica for the report pages (marac/db_routers.py): which reads go there, and only while a report's view
runs. These tests never connect to a replica: they ask the router where it would send each read."""

import pytest
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from marac.audit.models import AuditEvent
from marac.db_routers import REPLICA, ReplicaForReportsMiddleware, ReportsToReplicaRouter, _reading_a_report
from marac.referrals.models import Case

router = ReportsToReplicaRouter()


@pytest.fixture
def with_replica(monkeypatch, settings):
    # As if DATABASE_REPLICA_URL were set; nothing here connects to it.
    monkeypatch.setattr("marac.db_routers.replica_configured", lambda: True)
    settings.MARAC_REPLICA_PATHS = ["/reports/"]


@pytest.fixture
def reading_a_report():
    token = _reading_a_report.set(True)
    yield
    _reading_a_report.reset(token)


def test_a_report_reads_case_data_from_the_replica(with_replica, reading_a_report):
    assert router.db_for_read(Case) == REPLICA


def test_every_other_read_stays_on_the_primary(with_replica):
    assert router.db_for_read(Case) == DEFAULT_DB_ALIAS


def test_the_audit_trail_and_sessions_are_read_from_the_primary_even_by_a_report(with_replica, reading_a_report):
    # The chain is appended to from the last event's hash; a stale one would fork it.
    assert router.db_for_read(AuditEvent) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Session) == DEFAULT_DB_ALIAS


@pytest.mark.django_db
def test_a_read_inside_a_transaction_stays_on_the_primary(with_replica, reading_a_report):
    # pytest-django runs each test in a transaction on the primary, as a service runs its reads and writes.
    assert router.db_for_read(Case) == DEFAULT_DB_ALIAS


def test_without_a_replica_a_report_reads_the_primary(reading_a_report):
    assert router.db_for_read(Case) == DEFAULT_DB_ALIAS


def test_writes_and_migrations_are_the_primarys(with_replica, reading_a_report):
    assert router.db_for_write(Case) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "referrals")
    assert not router.allow_migrate(REPLICA, "referrals")


def _where_the_view_reads(request: HttpRequest) -> tuple[str, str]:
    """Where the router sends a case read while the view runs, and once the middleware has answered."""
    seen = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen["view"] = router.db_for_read(Case)
        return HttpResponse()

    def rest_of_the_stack(request: HttpRequest) -> HttpResponse:
        # As Django's handler does: every middleware's process_view, then the view.
        return middleware.process_view(request, view, (), {}) or view(request)

    middleware = ReplicaForReportsMiddleware(rest_of_the_stack)
    middleware(request)
    return seen["view"], router.db_for_read(Case)


@pytest.mark.parametrize("path", ["/reports/dashboard/", "/reports/return/"])
def test_the_view_of_a_report_page_reads_the_replica_and_nothing_after_it(with_replica, path):
    assert _where_the_view_reads(RequestFactory().get(path)) == (REPLICA, DEFAULT_DB_ALIAS)


@pytest.mark.parametrize(
    "request_made",
    [lambda: RequestFactory().get("/cases/1/"), lambda: RequestFactory().post("/reports/settings/")],
    ids=["another page", "a form posted to a report page"],
)
def test_other_pages_and_posts_read_the_primary(with_replica, request_made):
    assert _where_the_view_reads(request_made()) == (DEFAULT_DB_ALIAS, DEFAULT_DB_ALIAS)
