"""Importing a file: good rows, bad rows, keeping the good ones, importing again, and the file's own problems."""

import csv
import datetime as dt
import io

from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.imports.tests.factories import HEADER, csv_bytes, import_rows, row
from marac.incidents.models import ImportStatus, Incident, IncidentImport
from marac.people.models import Person

NO_PERPETRATOR = {"perpetrator_given_name": "", "perpetrator_family_name": "", "perpetrator_date_of_birth": ""}


def test_a_good_file_imports_every_incident_with_its_people(locale):
    outcome = import_rows(
        locale.actor("police_rep"),
        locale.police,
        [row("P-1"), row("P-2", occurred_at="02/04/2026 07:05", gravity="1", **NO_PERPETRATOR)],
    )

    record = outcome.incident_import
    assert (record.status, record.rows_total, record.rows_imported, record.rows_bad) == (ImportStatus.DONE, 2, 2, 0)
    first, second = Incident.objects.filter(imported_by=record).order_by("source_reference")
    assert first.source_agency == locale.police and first.locality == locale.locality
    assert (first.incident_type, first.gravity, first.children_present) == ("physical", 3, 1)
    assert first.recorded_by == locale.memberships["police_rep"].user
    assert first.victim.full_name == "Ilona Marsh" and first.victim.postcode == "RV1 2AB"
    assert first.perpetrator.date_of_birth == dt.date(1988, 8, 12)
    # A time without an offset is local time; the second row has no perpetrator.
    assert timezone.localtime(second.occurred_at).replace(tzinfo=None) == dt.datetime(2026, 4, 2, 7, 5)
    assert second.perpetrator is None
    assert second.victim == first.victim


def test_bad_rows_are_all_reported_and_nothing_is_imported(locale):
    rows = [
        row("P-1"),
        row("P-2", occurred_at="31/02/2026", gravity="7"),
        row("P-3", incident_type="assault"),
        row("P-4", occurred_at="2099-01-01"),
    ]
    record = import_rows(locale.actor("police_rep"), locale.police, rows).incident_import

    assert record.status == ImportStatus.REJECTED
    assert (record.rows_imported, record.rows_bad, record.rows_total) == (0, 3, 4)
    assert not Incident.objects.exists() and not Person.objects.exists()
    problems = {(error["row"], error["field"]): error["reason"] for error in record.errors}
    assert problems[(3, "occurred_at")] == "31/02/2026 is not a date and time"
    assert problems[(3, "gravity")] == "must be 1 to 4, not '7'"
    assert problems[(4, "incident_type")].startswith("'assault' is not one of the accepted codes: physical, ")
    assert "coercive_control" in problems[(4, "incident_type")]
    assert problems[(5, "occurred_at")] == "2099-01-01 is in the future"
    assert record.bad_rows_file == ""


def test_stored_problems_never_quote_a_name_or_a_date_of_birth(locale):
    rows = [row("P-1", victim_date_of_birth="31/13/1991", perpetrator_family_name="Q" * 101)]
    record = import_rows(locale.actor("police_rep"), locale.police, rows).incident_import

    assert {(error["field"], error["reason"]) for error in record.errors} == {
        ("victim_date_of_birth", "is not a date"),
        ("perpetrator_family_name", "is longer than 100 characters"),
    }


def test_keeping_good_rows_imports_them_and_returns_the_bad_ones_as_a_file(locale):
    rows = [row("P-1"), row("P-2", gravity="five"), row("P-3")]
    bad_rows_out = io.StringIO()

    record = import_rows(
        locale.actor("police_rep"), locale.police, rows, keep_good_rows=True, bad_rows_out=bad_rows_out
    ).incident_import

    assert (record.status, record.rows_imported, record.rows_bad) == (ImportStatus.DONE, 2, 1)
    assert set(Incident.objects.values_list("source_reference", flat=True)) == {"P-1", "P-3"}
    assert record.errors == [{"row": 3, "field": "gravity", "reason": "must be 1 to 4, not 'five'"}]
    assert bad_rows_out.getvalue() == record.bad_rows_file
    bad = list(csv.DictReader(io.StringIO(record.bad_rows_file)))
    assert list(bad[0]) == [*HEADER, "row", "error"]
    assert bad[0]["incident_ref"] == "P-2" and bad[0]["victim_family_name"] == "Marsh"
    assert (bad[0]["row"], bad[0]["error"]) == ("3", "gravity: must be 1 to 4, not 'five'")


def test_the_corrected_bad_rows_file_imports_as_it_is(locale):
    first = import_rows(
        locale.actor("police_rep"), locale.police, [row("P-1"), row("P-2", gravity="five")], keep_good_rows=True
    ).incident_import
    corrected = first.bad_rows_file.replace("five", "2").encode()

    record = import_rows(locale.actor("police_rep"), locale.police, [], content=corrected).incident_import

    assert (record.rows_imported, record.rows_bad) == (1, 0)
    assert Incident.objects.get(source_reference="P-2").gravity == 2


def test_the_same_file_twice_adds_nothing_the_second_time(locale):
    content = csv_bytes([row("P-1"), row("P-2", victim_date_of_birth="", perpetrator_date_of_birth="")])
    first = import_rows(locale.actor("police_rep"), locale.police, [], content=content).incident_import
    people = Person.objects.count()

    second = import_rows(locale.actor("coordinator"), locale.police, [], content=content).incident_import

    assert (second.status, second.rows_imported, second.rows_already_known) == (ImportStatus.DONE, 0, 2)
    assert Incident.objects.count() == 2 and Person.objects.count() == people
    assert second.file_sha256 == first.file_sha256


def test_a_reference_is_the_agencys_own_so_another_agency_may_use_it(locale):
    import_rows(locale.actor("police_rep"), locale.police, [row("A-1")])
    record = import_rows(locale.actor("housing_rep"), locale.housing, [row("A-1")]).incident_import
    assert record.rows_imported == 1 and Incident.objects.count() == 2


def test_a_reference_twice_in_the_file_is_a_bad_row(locale):
    record = import_rows(locale.actor("police_rep"), locale.police, [row("P-1"), row("P-2"), row("P-1")])
    assert record.incident_import.errors == [
        {"row": 4, "field": "incident_ref", "reason": "P-1 is already on row 2: list each incident once"}
    ]
    assert not Incident.objects.exists()


def test_a_missing_required_column_refuses_the_file_naming_it(locale):
    header = [name for name in HEADER if name not in ("gravity", "victim_family_name")]
    content = csv_bytes([row("P-1")], header=header)

    record = import_rows(locale.actor("police_rep"), locale.police, [], content=content).incident_import

    assert record.status == ImportStatus.REJECTED and record.rows_total == 0
    assert record.errors == [
        {"row": 1, "field": "gravity", "reason": "the column is missing: the first row must name it"},
        {"row": 1, "field": "victim_family_name", "reason": "the column is missing: the first row must name it"},
    ]


def test_optional_columns_may_be_left_out_and_other_columns_are_ignored(locale):
    header = ["incident_ref", "occurred_at", "incident_type", "gravity", "victim_given_name", "victim_family_name"]
    content = csv_bytes([row("P-1", officer_badge="4471")], header=[*header, "officer_badge"])
    content = content.replace(b"incident_ref,", b" Incident_Ref ,", 1)
    record = import_rows(locale.actor("police_rep"), locale.police, [], content=content).incident_import
    incident = Incident.objects.get()
    assert record.rows_imported == 1
    assert (incident.perpetrator, incident.children_present, incident.summary) == (None, 0, "")


def test_a_byte_order_mark_and_blank_rows_are_read_as_a_spreadsheet_shows_them(locale):
    content = csv_bytes([row("P-1"), {}, row("P-3", gravity="0")], bom=True)
    record = import_rows(locale.actor("police_rep"), locale.police, [], content=content).incident_import
    # The blank line is row 3, so the bad row is row 4.
    assert record.errors == [{"row": 4, "field": "gravity", "reason": "must be 1 to 4, not '0'"}]
    assert record.rows_total == 2


def test_a_file_that_is_not_utf8_is_refused(locale):
    content = csv_bytes([row("P-1", victim_family_name="Muller")]).replace(b"Muller", "Müller".encode("latin-1"))
    record = import_rows(locale.actor("police_rep"), locale.police, [], content=content).incident_import
    assert record.status == ImportStatus.REJECTED
    assert "not UTF-8" in record.errors[0]["reason"]


def test_an_empty_file_is_refused(locale):
    record = import_rows(locale.actor("police_rep"), locale.police, [], content=b"\n").incident_import
    assert record.status == ImportStatus.REJECTED and record.errors[0]["row"] == 1


def test_each_import_is_audited_with_its_file_and_counts(locale):
    first = import_rows(locale.actor("police_rep"), locale.police, [row("P-1")], file_name="march.csv")
    second = import_rows(locale.actor("police_rep"), locale.police, [row("P-2", gravity="9")], file_name="april.csv")

    events = AuditEvent.objects.filter(object_type="incidents.incidentimport", action=AuditAction.CREATE)
    done = events.get(object_id=str(first.incident_import.pk))
    assert done.actor == locale.memberships["police_rep"].user
    assert done.detail["file_name"] == "march.csv"
    assert done.detail["file_sha256"] == first.incident_import.file_sha256
    assert (done.detail["imported"], done.detail["bad"], done.detail["status"]) == (1, 0, "done")
    refused = events.get(object_id=str(second.incident_import.pk))
    assert (refused.detail["imported"], refused.detail["bad"], refused.detail["status"]) == (0, 1, "rejected")
    assert "Marsh" not in str(refused.detail) and "Marsh" not in refused.summary


def test_progress_is_reported_as_rows_are_read(locale, monkeypatch):
    from marac.incidents.imports import loading

    monkeypatch.setattr(loading.BatchLoader, "chunk_rows", 2)
    monkeypatch.setattr(loading.CopyLoader, "chunk_rows", 2)
    seen = []
    rows = [row(f"P-{number}") for number in range(5)]

    import_rows(
        locale.actor("police_rep"),
        locale.police,
        rows,
        on_progress=lambda record: seen.append((record.rows_read, record.rows_total)),
    )

    assert seen == [(2, 5), (4, 5), (5, 5)]
    assert IncidentImport.objects.get().rows_read == 5
