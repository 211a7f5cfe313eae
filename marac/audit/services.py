"""Writing audit events. Every service calls `audit_record` inside its own transaction."""

from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction
from django.utils import timezone

from marac.audit.chain import GENESIS_HASH, event_hash
from marac.audit.models import AuditAction, AuditEvent

if TYPE_CHECKING:
    from marac.access.actor import Actor

# Any constant; it names the lock that serialises appends to the hash chain on PostgreSQL.
_CHAIN_LOCK_KEY = 7_317_001


def audit_record(
    *,
    actor: "Actor",
    action: AuditAction | str,
    target: models.Model | None = None,
    case: models.Model | None = None,
    summary: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. `case` lets the coordinator read a case's whole trail."""
    values: dict[str, Any] = {
        "occurred_at": timezone.now(),
        "actor_id": actor.user.pk if actor.user else None,
        "actor_username": actor.user.get_username() if actor.user else "system",
        "agency_id": actor.agency.pk if actor.agency else None,
        "agency_name": actor.agency.name if actor.agency else "",
        "role": actor.role or "",
        "action": str(action),
        "object_type": target._meta.label_lower if target is not None else "",
        "object_id": str(target.pk) if target is not None else "",
        "case_id": case.pk if case is not None else None,
        "summary": summary[:300],
        "detail": detail or {},
        "ip_address": actor.ip_address,
        "request_id": actor.request_id,
    }
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
        last = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first()
        values["previous_hash"] = last or GENESIS_HASH
        values["hash"] = event_hash(values)
        return AuditEvent.objects.create(**values)
