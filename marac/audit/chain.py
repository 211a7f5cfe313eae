"""The hash that links each audit event to the one before it.

An event's hash is the SHA-256 of a canonical JSON object of its chained fields, one of which is the previous
event's hash. The definition only ever grows, and never changes the hash of an event already written:

- `CHAINED_FIELDS` were in the chain from the first event; they are always hashed.
- `LATER_FIELDS` were added afterwards (`purpose`). Each is hashed only when it holds a value, so an event
  written before the field existed (where it is empty) keeps the hash it was given, while a value set later, or
  a value removed, breaks the hash. Add a new field here, never to `CHAINED_FIELDS`, and make its empty value ""
  or None.
"""

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
LATER_FIELDS = ("purpose",)
HASHED_FIELDS = CHAINED_FIELDS + LATER_FIELDS


def event_hash(values: dict[str, Any]) -> str:
    """The hash of one event from its field values (as stored: ids, not objects)."""
    canonical = {name: values.get(name) for name in CHAINED_FIELDS}
    canonical["occurred_at"] = canonical["occurred_at"].isoformat()
    for name in LATER_FIELDS:
        if values.get(name) not in ("", None):
            canonical[name] = values[name]
    payload = json.dumps(canonical, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
