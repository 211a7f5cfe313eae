"""What audit_record hashes is exactly what the database gives back, so an honest trail always verifies."""

import pytest

from marac.audit.models import AuditAction, AuditEvent
from marac.audit.services import audit_record
from marac.audit.verify import first_break


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::ffff:10.0.0.1", "::ffff:10.0.0.1"),
        (" 192.0.2.7 ", "192.0.2.7"),
        ("unknown", None),
        ("", None),
        (None, None),
    ],
)
def test_addresses_are_stored_as_read_back(locale, given, stored):
    actor = locale.actor("coordinator")
    actor.ip_address = given
    event = audit_record(actor=actor, action=AuditAction.VIEW)
    event.refresh_from_db()
    assert event.ip_address == stored
    assert first_break() is None


def test_long_text_is_cut_to_its_column_before_hashing(locale):
    event = audit_record(
        actor=locale.actor("coordinator"), action=AuditAction.VIEW, summary="x" * 500, purpose="y" * 500
    )
    event.refresh_from_db()
    assert len(event.summary) == 300 and len(event.purpose) == 100
    assert first_break() is None


def test_detail_is_hashed_as_the_json_column_returns_it(locale):
    detail = {"ids": (3, 1, 2), 7: "a number as key", "nested": {"b": [1, {"c": None}], "a": True}}
    event = audit_record(actor=locale.actor("coordinator"), action=AuditAction.LIST, detail=detail)
    assert AuditEvent.objects.get(pk=event.pk).detail == {
        "ids": [3, 1, 2],
        "7": "a number as key",
        "nested": {"b": [1, {"c": None}], "a": True},
    }
    assert first_break() is None


def test_an_event_without_a_user_is_recorded_as_the_system(locale):
    actor = locale.actor("coordinator")
    actor.user, actor.membership = None, None
    event = audit_record(actor=actor, action=AuditAction.UPDATE, summary="Erased expired records")
    assert (event.actor_username, event.agency_id, event.role) == ("system", None, "")
    assert first_break() is None
