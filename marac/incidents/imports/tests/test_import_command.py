"""`manage.py import_incidents`: the route for big files, with progress on stderr and a failing exit when refused."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.imports.tests.factories import csv_bytes, row
from marac.incidents.models import ImportStatus, Incident, IncidentImport


def _run(locale, path, *extra: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_incidents",
        "--locality",
        locale.locality.name,
        "--agency",
        locale.police.name,
        "--file",
        str(path),
        *extra,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def test_the_command_imports_and_reports_progress(locale, tmp_path):
    path = tmp_path / "police.csv"
    path.write_bytes(csv_bytes([row("P-1"), row("P-2")]))

    out, err = _run(locale, path)

    assert "Read 2 of about 2 rows" in err
    assert "2 new incidents, 0 already imported, 0 bad rows" in out
    record = IncidentImport.objects.get()
    assert (record.file_name, record.started_by, record.source_agency) == ("police.csv", None, locale.police)
    assert AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(record.pk)).actor_username == "system"

    out, _ = _run(locale, path)
    assert "0 new incidents, 2 already imported" in out
    assert Incident.objects.count() == 2


def test_a_refused_file_prints_its_problems_and_fails(locale, tmp_path):
    path = tmp_path / "police.csv"
    path.write_bytes(csv_bytes([row("P-1"), row("P-2", incident_type="assault")]))
    err = io.StringIO()

    with pytest.raises(CommandError, match="nothing imported \\(1 bad rows of 2\\)"):
        call_command(
            "import_incidents",
            "--locality",
            locale.locality.name,
            "--agency",
            locale.police.name,
            "--file",
            str(path),
            stderr=err,
        )

    assert "Row 3: incident_type: 'assault' is not one of the accepted codes" in err.getvalue()
    assert IncidentImport.objects.get().status == ImportStatus.REJECTED
    assert not Incident.objects.exists()


def test_good_rows_are_kept_and_bad_ones_written_out(locale, tmp_path):
    path, bad_path = tmp_path / "police.csv", tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([row("P-1"), row("P-2", gravity="")]))

    out, err = _run(locale, path, "--keep-good-rows", "--bad-rows-out", str(bad_path))

    assert "1 new incidents" in out and f"The 1 bad rows are in {bad_path}" in err
    bad = list(csv.DictReader(bad_path.open(encoding="utf-8")))
    assert [(line["incident_ref"], line["row"], line["error"]) for line in bad] == [
        ("P-2", "3", "gravity: is empty: it must be 1 to 4")
    ]


def test_unknown_names_are_explained(locale, tmp_path):
    path = tmp_path / "police.csv"
    path.write_bytes(csv_bytes([row("P-1")]))
    with pytest.raises(CommandError, match="No locality is called 'Nowhere'"):
        call_command("import_incidents", "--locality", "Nowhere", "--agency", "Police", "--file", str(path))
    with pytest.raises(CommandError, match=r"Its agencies: .*Riverside Police"):
        call_command("import_incidents", "--locality", locale.locality.name, "--agency", "Police", "--file", str(path))
    with pytest.raises(CommandError, match="There is no file at"):
        _run(locale, tmp_path / "missing.csv")
