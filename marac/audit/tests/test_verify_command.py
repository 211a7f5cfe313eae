"""`manage.py audit_verify` says the chain is intact, or names the first bad event and exits with status 1."""

import pytest
from django.core.management import call_command, execute_from_command_line

from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.audit.tests import tampering


@pytest.fixture
def events(locale):
    actor = locale.actor("coordinator")
    return [audit_record(actor=actor, action=AuditAction.VIEW, summary=f"event {n}") for n in range(3)]


def test_an_intact_chain_is_reported_with_its_last_hash(events, capsys):
    call_command("audit_verify")
    output = capsys.readouterr().out
    assert "Audit chain intact: 3 events" in output
    assert f"event {events[-1].pk}, has hash {events[-1].hash}" in output


def test_an_empty_trail_is_intact(db, capsys):
    call_command("audit_verify")
    assert "no events yet" in capsys.readouterr().out


def test_a_broken_chain_exits_non_zero_naming_the_first_bad_event(events, capsys):
    tampering.alter(events[1], summary="nothing to see")
    tampering.alter(events[2], summary="nor here")
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "audit_verify"])
    assert exit_.value.code == 1
    error = capsys.readouterr().err
    assert f"Audit event {events[1].pk} " in error
    assert "riverside-coordinator view" in error
    assert "was altered" in error
    assert f"Audit event {events[2].pk} " not in error


def test_the_expected_hash_of_an_earlier_run_passes_while_it_is_still_in_the_chain(events, locale, capsys):
    audit_record(actor=locale.actor("chair"), action=AuditAction.VIEW)
    call_command("audit_verify", expect=events[-1].hash.upper())
    assert "Audit chain intact: 4 events" in capsys.readouterr().out
