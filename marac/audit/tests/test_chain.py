"""The audit trail is a hash chain: altering, inserting or deleting an event is detected."""

import pytest
from django.core.management import CommandError, call_command

from marac.audit.models import AuditAction, AuditEvent
from marac.audit.services import audit_record
from marac.audit.verify import first_break


@pytest.fixture
def three_events(locale):
    actor = locale.actor("coordinator")
    return [audit_record(actor=actor, action=AuditAction.VIEW, summary=f"event {n}") for n in range(3)]


def test_each_event_carries_its_predecessors_hash(three_events):
    first, second, third = three_events
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    assert first_break() is None
    call_command("audit_verify")


def test_an_altered_event_is_reported(three_events):
    AuditEvent.objects.filter(pk=three_events[1].pk).update(summary="nothing to see")
    broken = first_break()
    assert broken is not None and broken.event_id == three_events[1].pk
    assert "altered" in broken.problem
    with pytest.raises(CommandError, match=str(three_events[1].pk)):
        call_command("audit_verify")


def test_a_deleted_event_is_reported_at_its_successor(three_events):
    AuditEvent.objects.filter(pk=three_events[1].pk).delete()
    broken = first_break()
    assert broken is not None and broken.event_id == three_events[2].pk
    assert "deleted or inserted" in broken.problem


def test_event_records_who_for_which_agency(locale):
    event = audit_record(actor=locale.actor("housing_rep"), action=AuditAction.VIEW, summary="looked")
    assert event.actor == locale.memberships["housing_rep"].user
    assert event.agency == locale.housing
    assert event.role == "agency_rep"
    assert event.ip_address == "127.0.0.1"
