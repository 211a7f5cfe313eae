"""Writing audit events. Every service calls `audit_record` inside its own transaction."""

import ipaddress
import json
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
    purpose: str = "",
) -> AuditEvent:
    """Append one event to the chain. `case` lets the coordinator read a case's whole trail; `purpose` says why
    (see `AuditPurpose` for the usual answers)."""
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
        "summary": summary,
        # As the JSON column gives it back (tuples as lists, keys as strings), so the hash verifies later.
        "detail": json.loads(json.dumps(detail or {})),
        "ip_address": _stored_ip_address(actor.ip_address),
        "request_id": actor.request_id or "",
        "purpose": str(purpose),
    }
    _fit_to_columns(values)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
        last = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first()
        values["previous_hash"] = last or GENESIS_HASH
        values["hash"] = event_hash(values)
        return AuditEvent.objects.create(**values)


def _stored_ip_address(value: str | None) -> str | None:
    """The address as the database will give it back, so that the hash written is the hash verified.

    Django normalises IPv6 on the way in ("2001:DB8:0::1" is stored as "2001:db8::1"); a value that is not an
    address at all (a proxy's "unknown", a Unix socket's empty string) is not kept.
    """
    if not value:
        return None
    try:
        ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    return AuditEvent._meta.get_field("ip_address").get_prep_value(value.strip())


def _fit_to_columns(values: dict[str, Any]) -> None:
    """Cut text to its column's length before hashing: PostgreSQL refuses longer text, SQLite would keep it whole."""
    for name, value in values.items():
        if isinstance(value, str):
            field = AuditEvent._meta.get_field(name)
            if isinstance(field, models.CharField) and field.max_length:
                values[name] = value[: field.max_length]
