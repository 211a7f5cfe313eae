"""Events say why: `purpose` is recorded and chained, and events written before it existed still verify."""

import hashlib
import json

from django.utils import timezone

from marac.audit.chain import GENESIS_HASH, event_hash
from marac.audit.models import AuditAction, AuditEvent, AuditPurpose
from marac.audit.services import audit_record
from marac.audit.tests import tampering
from marac.audit.verify import BreakKind, first_break

# The chain as it was defined before `purpose`, frozen here: events hashed with it must keep verifying.
ORIGINAL_FIELDS = (
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


def original_hash(values: dict) -> str:
    canonical = {name: values.get(name) for name in ORIGINAL_FIELDS}
    canonical["occurred_at"] = canonical["occurred_at"].isoformat()
    payload = json.dumps(canonical, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def test_purpose_is_recorded(locale):
    event = audit_record(
        actor=locale.actor("coordinator"),
        action=AuditAction.VIEW,
        summary="looked",
        purpose=AuditPurpose.MEETING,
    )
    event.refresh_from_db()
    assert event.purpose == "meeting"
    assert first_break() is None


def test_purpose_is_optional_and_free_text(locale):
    actor = locale.actor("coordinator")
    assert audit_record(actor=actor, action=AuditAction.VIEW).purpose == ""
    assert audit_record(actor=actor, action=AuditAction.VIEW, purpose="court order").purpose == "court order"


def test_an_event_without_purpose_hashes_as_before_purpose_existed(locale):
    event = audit_record(actor=locale.actor("coordinator"), action=AuditAction.VIEW, summary="looked")
    values = AuditEvent.objects.values().get(pk=event.pk)
    assert event.hash == original_hash(values)


def test_an_event_with_a_purpose_hashes_differently():
    values = {"occurred_at": timezone.now(), "previous_hash": GENESIS_HASH, "purpose": ""}
    assert event_hash(values) == original_hash(values)
    assert event_hash({**values, "purpose": "meeting"}) != original_hash(values)


def test_an_event_written_before_purpose_verifies_in_a_chain_with_newer_events(locale):
    old = _write_with_the_original_definition(locale)
    newer = audit_record(
        actor=locale.actor("coordinator"), action=AuditAction.VIEW, purpose=AuditPurpose.CASE_MANAGEMENT
    )
    assert newer.previous_hash == old.hash
    assert first_break() is None


def test_giving_an_old_event_a_purpose_is_detected(locale):
    old = _write_with_the_original_definition(locale)
    tampering.alter(old, purpose=AuditPurpose.AUDIT_REVIEW)
    broken = first_break()
    assert broken is not None and broken.event_id == old.pk and broken.kind is BreakKind.ALTERED


def test_removing_or_changing_a_purpose_is_detected(locale):
    actor = locale.actor("coordinator")
    first = audit_record(actor=actor, action=AuditAction.VIEW, purpose=AuditPurpose.MEETING)
    second = audit_record(actor=actor, action=AuditAction.VIEW, purpose=AuditPurpose.MEETING)
    tampering.alter(first, purpose="")
    assert first_break().event_id == first.pk
    tampering.alter(first, purpose=AuditPurpose.MEETING)
    assert first_break() is None
    tampering.alter(second, purpose=AuditPurpose.SUBJECT_ACCESS_REQUEST)
    assert first_break().event_id == second.pk


def _write_with_the_original_definition(locale) -> AuditEvent:
    membership = locale.memberships["coordinator"]
    values = {
        "occurred_at": timezone.now(),
        "actor_id": membership.user.pk,
        "actor_username": membership.user.username,
        "agency_id": membership.agency.pk,
        "agency_name": membership.agency.name,
        "role": membership.role,
        "action": AuditAction.VIEW.value,
        "object_type": "",
        "object_id": "",
        "case_id": None,
        "summary": "written before purpose",
        "detail": {},
        "ip_address": "127.0.0.1",
        "request_id": "0" * 32,
        "previous_hash": GENESIS_HASH,
    }
    return AuditEvent.objects.create(**values, hash=original_hash(values))
