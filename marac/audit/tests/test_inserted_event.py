"""An event slipped into the trail, in the middle or at the end, with a forged link, is reported as inserted."""

import pytest
from django.core.management import CommandError, call_command

from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.audit.tests import tampering
from marac.audit.verify import BreakKind, first_break


@pytest.fixture
def record(locale):
    actor = locale.actor("coordinator")

    def record_one(summary: str):
        return audit_record(actor=actor, action=AuditAction.VIEW, summary=summary)

    return record_one


def test_an_event_inserted_in_the_middle_with_a_copied_link_is_reported(record):
    """The forger copies the link of the genuine event that follows, so the inserted event checks out on its own:
    it is found because the chain runs round it."""
    first = record("first")
    gap = tampering.free_id_after(first)
    second, third = record("second"), record("third")
    inserted = tampering.forge(pk=gap, previous_hash=first.hash)
    assert first.pk < inserted.pk < second.pk
    broken = first_break()
    assert broken is not None and broken.event_id == inserted.pk
    assert broken.kind is BreakKind.INSERTED
    with pytest.raises(CommandError, match=f"Audit event {inserted.pk} .*inserted"):
        call_command("audit_verify")
    assert third.previous_hash == second.hash


def test_an_event_inserted_in_the_middle_with_a_made_up_link_is_reported(record):
    first = record("first")
    gap = tampering.free_id_after(first)
    record("second")
    inserted = tampering.forge(pk=gap, previous_hash="f" * 64)
    broken = first_break()
    assert broken is not None and broken.event_id == inserted.pk
    assert broken.kind is BreakKind.INSERTED


def test_an_event_appended_with_the_wrong_link_is_reported(record):
    first, second = record("first"), record("second")
    record("third")
    appended = tampering.forge(previous_hash=first.hash)
    broken = first_break()
    assert broken is not None and broken.event_id == appended.pk
    assert broken.kind is BreakKind.INSERTED
    assert second.pk < appended.pk


def test_an_event_appended_linking_to_the_one_before_last_is_reported(record):
    """Two events then claim the same predecessor: the genuine one is the one written in turn."""
    record("first")
    second, third = record("second"), record("third")
    appended = tampering.forge(previous_hash=second.hash)
    broken = first_break()
    assert broken is not None and broken.event_id == appended.pk
    assert broken.kind is BreakKind.INSERTED
    assert third.previous_hash == second.hash


def test_an_event_appended_with_a_made_up_link_is_reported(record):
    record("first")
    appended = tampering.forge(previous_hash="e" * 64)
    broken = first_break()
    assert broken is not None and broken.event_id == appended.pk
    assert broken.kind is BreakKind.DELETED_OR_INSERTED


def test_a_well_formed_event_appended_at_the_end_is_caught_by_the_expected_hash(record, capsys):
    """A chain without a secret cannot tell a well-formed forged event at its end; a hash kept elsewhere can tell
    that events were cut off or rewritten after it."""
    record("first")
    last = record("second")
    call_command("audit_verify", expect=last.hash)
    tampering.delete(last)
    tampering.forge(previous_hash=last.previous_hash, summary="rewritten")
    assert first_break() is None
    with pytest.raises(CommandError, match="no longer contains the event with hash"):
        call_command("audit_verify", expect=last.hash)
