"""Checking the audit chain: each event's hash must match its content and its predecessor's hash."""

from dataclasses import dataclass

from marac.audit.chain import CHAINED_FIELDS, GENESIS_HASH, event_hash
from marac.audit.models import AuditEvent


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    problem: str


def first_break(batch_size: int = 5000) -> ChainBreak | None:
    """Walk the chain in id order; return the first event that was altered, inserted or follows a deletion."""
    expected_previous = GENESIS_HASH
    fields = ("pk", "hash", *CHAINED_FIELDS)
    for values in AuditEvent.objects.order_by("pk").values(*fields).iterator(chunk_size=batch_size):
        if values["previous_hash"] != expected_previous:
            return ChainBreak(values["pk"], "does not follow the event before it (an event was deleted or inserted)")
        if event_hash(values) != values["hash"]:
            return ChainBreak(values["pk"], "its content no longer matches its hash (the event was altered)")
        expected_previous = values["hash"]
    return None
