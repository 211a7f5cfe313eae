"""On PostgreSQL the database itself refuses to change or remove an audit event."""

import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

from marac.audit.models import AuditAction, AuditEvent
from marac.audit.services import audit_record
from marac.audit.tests.tampering import APPEND_ONLY_TRIGGER

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The append-only trigger exists on PostgreSQL only; SQLite, for development, relies on audit_verify.",
)

trigger_migration = importlib.import_module("marac.audit.migrations.0004_append_only_trigger")


@pytest.fixture
def event(locale):
    return audit_record(actor=locale.actor("coordinator"), action=AuditAction.VIEW, summary="looked")


def _trigger_exists() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = %s", [APPEND_ONLY_TRIGGER])
        return cursor.fetchone()[0] == 1


def test_an_update_is_refused(event):
    with pytest.raises(IntegrityError, match="append-only: UPDATE"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(summary="nothing to see")
    event.refresh_from_db()
    assert event.summary == "looked"


def test_saving_a_changed_event_is_refused(event):
    event.summary = "nothing to see"
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        event.save()


def test_a_delete_is_refused(event):
    with pytest.raises(IntegrityError, match="append-only: DELETE"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_raw_sql_is_refused_too(event):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table}")
    assert AuditEvent.objects.count() == 1


def test_appending_still_works(event, locale):
    audit_record(actor=locale.actor("chair"), action=AuditAction.LIST, summary="listed")
    assert AuditEvent.objects.count() == 2


def test_truncate_is_left_to_empty_test_and_demo_databases(event):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {AuditEvent._meta.db_table}")
    assert AuditEvent.objects.count() == 0


def test_the_migration_removes_and_restores_the_trigger(db):
    assert _trigger_exists()
    with connection.schema_editor() as editor:
        trigger_migration.drop_trigger(apps, editor)
    assert not _trigger_exists()
    with connection.schema_editor() as editor:
        trigger_migration.create_trigger(apps, editor)
    assert _trigger_exists()
