"""The audit trail is a hash chain: altering or deleting an event is detected, on SQLite and on PostgreSQL."""

import pytest
from django.core.management import CommandError, call_command

from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.audit.tests import tampering
from marac.audit.verify import BreakKind, first_break


@pytest.fixture
def four_events(locale):
    actor = locale.actor("coordinator")
    return [audit_record(actor=actor, action=AuditAction.VIEW, summary=f"event {n}") for n in range(4)]


def test_each_event_carries_its_predecessors_hash(four_events):
    first, second, third, _ = four_events
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    assert first_break() is None
    call_command("audit_verify")


def test_an_altered_event_is_reported(four_events):
    tampering.alter(four_events[1], summary="nothing to see")
    broken = first_break()
    assert broken is not None and broken.event_id == four_events[1].pk
    assert broken.kind is BreakKind.ALTERED
    assert "altered" in broken.problem
    with pytest.raises(CommandError, match=f"Audit event {four_events[1].pk} .*altered"):
        call_command("audit_verify")


def test_an_altered_link_is_reported(four_events):
    # Rewriting the link alone changes the event's own hash, which covers the link.
    tampering.alter(four_events[2], previous_hash=four_events[0].hash)
    broken = first_break()
    assert broken is not None and broken.event_id == four_events[2].pk
    assert broken.kind is BreakKind.ALTERED


def test_a_deleted_event_is_reported_at_its_successor(four_events):
    tampering.delete(four_events[1])
    broken = first_break()
    assert broken is not None and broken.event_id == four_events[2].pk
    assert broken.kind is BreakKind.DELETED
    assert "deleted" in broken.problem
    with pytest.raises(CommandError, match=f"Audit event {four_events[2].pk} .*deleted"):
        call_command("audit_verify")


def test_deleting_the_event_before_the_last_cannot_say_which_happened(four_events):
    tampering.delete(four_events[2])
    broken = first_break()
    assert broken is not None and broken.event_id == four_events[3].pk
    assert broken.kind is BreakKind.DELETED_OR_INSERTED


def test_event_records_who_for_which_agency(locale):
    event = audit_record(actor=locale.actor("housing_rep"), action=AuditAction.VIEW, summary="looked")
    assert event.actor == locale.memberships["housing_rep"].user
    assert event.agency == locale.housing
    assert event.role == "agency_rep"
    assert event.ip_address == "127.0.0.1"
    assert len(event.request_id) == 32
