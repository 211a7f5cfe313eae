"""The hash that links each audit event to the one before it."""

import hashlib
import json
from typing import Any

GENESIS_HASH = "0" * 64
CHAINED_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_username",
    "agency_id",
    "agency_name",
    "role",
    "action",
    "object_type",
    "object_id",
    "case_id",
    "summary",
    "detail",
    "ip_address",
    "request_id",
    "previous_hash",
)


def event_hash(values: dict[str, Any]) -> str:
    canonical = {name: values.get(name) for name in CHAINED_FIELDS}
    canonical["occurred_at"] = canonical["occurred_at"].isoformat()
    payload = json.dumps(canonical, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
