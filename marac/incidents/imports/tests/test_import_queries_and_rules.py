"""An import costs a fixed number of queries per batch of rows, never one per row; the rules run on what it added."""

import datetime as dt

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marac.incidents.imports.tests.factories import import_rows, row
from marac.incidents.models import FlagReason, Incident, ReferralFlag


def _couples_file(incidents: int, couples: int) -> list[dict[str, str]]:
    """`incidents` rows shared among `couples` victim-perpetrator pairs, long before any rule's window."""
    return [
        row(
            f"P-{number}",
            occurred_at=f"2019-01-{number % 28 + 1:02d}",
            victim_family_name=f"Marsh{'x' * (number % couples)}",
            perpetrator_family_name=f"Quill{'x' * (number % couples)}",
        )
        for number in range(incidents)
    ]


def _queries_to_import(locale, rows) -> int:
    with CaptureQueriesContext(connection) as queries:
        outcome = import_rows(locale.actor("police_rep"), locale.police, rows)
    assert outcome.incident_import.rows_imported == len(rows)
    return len(queries)


def test_the_queries_of_an_import_do_not_grow_with_its_rows(locale):
    small = _queries_to_import(locale, _couples_file(4, couples=2))
    # Ten times the rows and five times the people, in one batch: the same statements, with more values.
    large = [{**values, "incident_ref": f"L-{values['incident_ref']}"} for values in _couples_file(40, couples=10)]
    assert _queries_to_import(locale, large) == small


def test_the_rules_run_on_the_incidents_an_import_adds(locale):
    recent = [timezone.localtime() - dt.timedelta(days=days) for days in (90, 30, 3)]
    rows = [row(f"P-{number}", occurred_at=moment.strftime("%Y-%m-%dT%H:%M")) for number, moment in enumerate(recent)]

    outcome = import_rows(locale.actor("police_rep"), locale.police, rows)

    flag = ReferralFlag.objects.get()
    assert flag.reason == FlagReason.ESCALATION and flag.person.family_name == "Marsh"
    assert set(flag.incidents.all()) == set(outcome.incident_import.incidents.all())
    assert outcome.rules.flags_raised == [flag.pk]


def test_importing_the_same_file_again_raises_no_second_flag(locale):
    recent = [timezone.localtime() - dt.timedelta(days=days) for days in (90, 30, 3)]
    rows = [row(f"P-{number}", occurred_at=moment.strftime("%Y-%m-%dT%H:%M")) for number, moment in enumerate(recent)]
    import_rows(locale.actor("police_rep"), locale.police, rows)

    again = import_rows(locale.actor("police_rep"), locale.police, rows)

    assert again.rules is None and ReferralFlag.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite lets one connection write at a time")
@pytest.mark.django_db(transaction=True)
def test_progress_is_committed_while_the_rows_wait_for_the_end(locale, monkeypatch):
    """Another connection (a page polling the import) sees the rows read go up, and no incident until the end."""
    from marac.incidents.imports import loading

    monkeypatch.setattr(loading.CopyLoader, "chunk_rows", 2)
    seen = []

    def look_from_elsewhere(record) -> None:
        other = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT rows_read FROM incidents_incidentimport WHERE id = %s", [record.pk])
                rows_read = cursor.fetchone()[0]
                cursor.execute("SELECT count(*) FROM incidents_incident")
                seen.append((rows_read, cursor.fetchone()[0]))
        finally:
            other.close()

    import_rows(
        locale.actor("police_rep"), locale.police, [row(f"P-{n}") for n in range(5)], on_progress=look_from_elsewhere
    )

    assert seen == [(2, 0), (4, 0), (5, 0)]
    assert Incident.objects.count() == 5
