"""What an intruder with write access to the database would do to the audit trail, for tests of its detection.

On PostgreSQL the append-only trigger refuses UPDATE and DELETE; the tests that prove tampering is detected
switch it off for the duration, as a table owner could (the tests run as a superuser), and switch it on again.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.utils import timezone

from marac.audit.chain import event_hash
from marac.audit.models import AuditAction, AuditEvent

# The name migration 0004 gives the trigger.
APPEND_ONLY_TRIGGER = "audit_event_append_only"


@contextmanager
def trigger_disabled() -> Iterator[None]:
    if connection.vendor != "postgresql":
        yield
        return
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        # PostgreSQL will not alter a table with foreign-key checks still pending in the test's transaction.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {APPEND_ONLY_TRIGGER}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {APPEND_ONLY_TRIGGER}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def alter(event: AuditEvent, **changes: Any) -> None:
    with trigger_disabled():
        AuditEvent.objects.filter(pk=event.pk).update(**changes)


def delete(event: AuditEvent) -> None:
    with trigger_disabled():
        AuditEvent.objects.filter(pk=event.pk).delete()


def free_id_after(event: AuditEvent) -> int:
    """An id between `event` and whatever is appended next, left free as a rolled-back write would leave it.

    Call it before appending the events that should come after the gap.
    """
    placeholder = forge(previous_hash=event.hash, summary="placeholder")
    delete(placeholder)
    return placeholder.pk


def forge(*, previous_hash: str, pk: int | None = None, summary: str = "forged") -> AuditEvent:
    """Write an event directly, with whatever link the forger chose and a hash that matches its own content."""
    values: dict[str, Any] = {
        "occurred_at": timezone.now(),
        "actor_id": None,
        "actor_username": "intruder",
        "agency_id": None,
        "agency_name": "",
        "role": "",
        "action": AuditAction.VIEW.value,
        "object_type": "",
        "object_id": "",
        "case_id": None,
        "summary": summary,
        "detail": {},
        "ip_address": None,
        "request_id": "",
        "purpose": "",
        "previous_hash": previous_hash,
    }
    values["hash"] = event_hash(values)
    if pk is not None:
        values["id"] = pk
    return AuditEvent.objects.create(**values)
