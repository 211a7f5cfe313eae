"""Verification reads the trail in batches of a fixed size, and finds breaks across a batch's edge."""

import pytest

from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.audit.tests import tampering
from marac.audit.verify import BreakKind, ChainSummary, first_break, walk


@pytest.fixture
def seven_events(locale):
    actor = locale.actor("coordinator")
    return [audit_record(actor=actor, action=AuditAction.VIEW, summary=f"event {n}") for n in range(7)]


def test_one_query_per_batch(seven_events, django_assert_num_queries):
    # Batches of 3, 3 and 1 events; nothing else is read while the chain holds.
    with django_assert_num_queries(3):
        result = walk(batch_size=3)
    assert result == ChainSummary(count=7, last_id=seven_events[-1].pk, last_hash=seven_events[-1].hash)


def test_a_deletion_at_a_batchs_edge_is_found(seven_events):
    tampering.delete(seven_events[3])
    broken = first_break(batch_size=3)
    assert broken.event_id == seven_events[4].pk and broken.kind is BreakKind.DELETED


@pytest.mark.parametrize("batch_size", [1, 2, 3, 4, 5000])
def test_an_alteration_is_found_whatever_the_batch_size(seven_events, batch_size):
    tampering.alter(seven_events[5], detail={"ids": [1]})
    broken = first_break(batch_size=batch_size)
    assert broken.event_id == seven_events[5].pk and broken.kind is BreakKind.ALTERED


@pytest.mark.parametrize("batch_size", [1, 2, 3])
def test_an_insertion_is_found_whatever_the_batch_size(locale, batch_size):
    actor = locale.actor("coordinator")
    first = audit_record(actor=actor, action=AuditAction.VIEW)
    gap = tampering.free_id_after(first)
    for _ in range(4):
        audit_record(actor=actor, action=AuditAction.VIEW)
    inserted = tampering.forge(pk=gap, previous_hash=first.hash)
    broken = first_break(batch_size=batch_size)
    assert broken.event_id == inserted.pk and broken.kind is BreakKind.INSERTED
