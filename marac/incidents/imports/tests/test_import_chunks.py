"""Big files are written chunk by chunk inside one transaction: a bad row late in the file, or a failure, leaves
nothing behind, and a person is created once however the chunks fall."""

import pytest
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.imports import loading
from marac.incidents.imports.tests.factories import import_rows, row
from marac.incidents.models import ImportStatus, Incident, IncidentImport
from marac.people.models import Person
from marac.testing.factories import PersonFactory


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(loading.BatchLoader, "chunk_rows", 2)
    monkeypatch.setattr(loading.CopyLoader, "chunk_rows", 2)


def test_a_bad_row_after_chunks_were_written_undoes_them_all(locale, small_chunks):
    rows = [row(f"P-{number}", victim_family_name=f"Marsh{'x' * number}") for number in range(5)]
    rows.append(row("P-5", gravity="0"))

    record = import_rows(locale.actor("police_rep"), locale.police, rows).incident_import

    assert (record.status, record.rows_imported, record.rows_bad, record.rows_total) == (ImportStatus.REJECTED, 0, 1, 6)
    assert not Incident.objects.exists() and not Person.objects.exists()


def test_a_failure_while_writing_leaves_nothing_and_is_recorded(locale, small_chunks, monkeypatch):
    original = loading.loader_for

    def failing_loader(**kwargs):
        loader = original(**kwargs)
        add = loader.add
        calls = []

        def add_then_fail(chunk):
            calls.append(len(chunk.rows))
            if len(calls) == 2:
                raise RuntimeError("the database went away")
            add(chunk)

        loader.add = add_then_fail
        return loader

    monkeypatch.setattr("marac.incidents.imports.services.loader_for", failing_loader)
    rows = [row(f"P-{number}") for number in range(5)]

    with pytest.raises(RuntimeError):
        import_rows(locale.actor("police_rep"), locale.police, rows)

    record = IncidentImport.objects.get()
    assert record.status == ImportStatus.FAILED and record.finished_at is not None
    assert not Incident.objects.exists() and not Person.objects.exists()
    failed = AuditEvent.objects.get(object_id=str(record.pk), action=AuditAction.CREATE)
    assert failed.detail["error"] == "RuntimeError" and "failed" in failed.summary


def test_a_person_first_named_on_a_known_row_is_created_once_for_a_later_chunk(locale, small_chunks):
    other = PersonFactory(locality=locale.locality)
    Incident.objects.create(
        locality=locale.locality,
        source_agency=locale.police,
        source_reference="K-1",
        occurred_at=timezone.now(),
        incident_type="physical",
        gravity=2,
        victim=other,
        recorded_at=timezone.now(),
    )
    new_person = {"victim_given_name": "Nadia", "victim_family_name": "Petrenko", "victim_date_of_birth": "1990-05-06"}
    rows = [row("K-1", **new_person), row("N-2", perpetrator_given_name="Oleh"), row("N-3", **new_person)]

    outcome = import_rows(locale.actor("police_rep"), locale.police, rows)

    record = outcome.incident_import
    assert (record.rows_imported, record.rows_already_known) == (2, 1)
    nadia = Person.objects.get(family_name="Petrenko")
    assert Incident.objects.get(source_reference="N-3").victim == nadia
    assert Incident.objects.get(source_reference="K-1").victim == other
    # Nadia, the victim of N-2 (Ilona Marsh), and the two perpetrators' records: Daniel and Oleh Quill.
    assert outcome.people_created == 4


def test_the_same_file_in_chunks_twice_adds_nothing(locale, small_chunks):
    rows = [row(f"P-{number}", perpetrator_date_of_birth="") for number in range(5)]
    import_rows(locale.actor("police_rep"), locale.police, rows)
    people = Person.objects.count()

    again = import_rows(locale.actor("police_rep"), locale.police, rows)

    assert (again.incident_import.rows_imported, again.incident_import.rows_already_known) == (0, 5)
    assert Person.objects.count() == people and Incident.objects.count() == 5
