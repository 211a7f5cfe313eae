"""Incident imports through the API: the import page's form and service. The same file twice imports once; bad
rows are reported by row and field; an upload bigger than the page takes is refused before it is read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marac.agencies.models import Role
from marac.api.tests.factories import system_client
from marac.incidents.imports import forms as import_forms
from marac.incidents.imports.tests.factories import csv_bytes, row
from marac.incidents.models import ImportStatus, Incident, IncidentImport

URL = "/api/v1/incidents/imports/"
SCOPES = ["incident.import"]


@pytest.fixture
def police(locale):
    return system_client(locale.police, Role.AGENCY_REP, SCOPES)


def upload(rows, name: str = "march.csv", **fields) -> dict:
    return {"file": SimpleUploadedFile(name, csv_bytes(rows), content_type="text/csv"), **fields}


def test_the_same_file_twice_imports_once(police, locale):
    rows = [row("P-1"), row("P-2")]
    first = police.post(URL, upload(rows), format="multipart")
    assert first.status_code == 201, first.json()
    assert (first.json()["status"], first.json()["rows_imported"], first.json()["source_agency"]) == (
        "done",
        2,
        "Riverside Police",
    )
    again = police.post(URL, upload(rows), format="multipart").json()
    assert (again["rows_imported"], again["rows_already_known"]) == (0, 2)
    assert Incident.objects.filter(source_agency=locale.police).count() == 2


def test_bad_rows_are_reported_by_row_and_field(police):
    rows = [row("P-1"), row("P-2", gravity="7"), row("P-3", occurred_at="yesterday")]
    body = police.post(URL, upload(rows), format="multipart").json()
    assert (body["status"], body["rows_imported"], body["rows_bad"]) == ("rejected", 0, 2)
    assert [(p["row"], p["field"]) for p in body["problems"]["results"]] == [(3, "gravity"), (4, "occurred_at")]
    detail = police.get(f"{URL}{body['id']}/").json()
    assert detail["problems"] == body["problems"]
    assert not Incident.objects.exists()


def test_keeping_good_rows_imports_them(police):
    rows = [row("P-1"), row("P-2", gravity="7")]
    body = police.post(URL, upload(rows, keep_good_rows="true"), format="multipart").json()
    assert (body["status"], body["rows_imported"], body["rows_bad"]) == ("done", 1, 1)


def test_the_list_shows_the_agencys_imports_newest_first(police):
    first = police.post(URL, upload([row("P-1")], name="one.csv"), format="multipart").json()
    second = police.post(URL, upload([row("P-2")], name="two.csv"), format="multipart").json()
    listed = police.get(URL).json()
    assert [(i["id"], i["file_name"]) for i in listed["results"]] == [
        (second["id"], "two.csv"),
        (first["id"], "one.csv"),
    ]


def test_a_file_the_page_would_refuse_is_refused_by_field(police):
    response = police.post(URL, upload([row("P-1")], name="march.xlsx"), format="multipart")
    assert (response.status_code, list(response.json())) == (400, ["file"])
    assert police.post(URL, {}, format="multipart").status_code == 400
    assert not IncidentImport.objects.exists()


def test_an_upload_bigger_than_the_limit_is_refused_before_it_is_read(police, monkeypatch):
    monkeypatch.setattr(import_forms, "MAX_UPLOAD_BYTES", 0)
    big = [row(f"P-{number}") for number in range(1000)]
    response = police.post(URL, upload(big), format="multipart")
    assert response.status_code == 413
    assert not IncidentImport.objects.exists()


def test_the_coordinator_names_the_agency_and_a_representative_cannot(locale, police):
    coordinator = system_client(locale.idva_service, Role.COORDINATOR, SCOPES)
    missing = coordinator.post(URL, upload([row("H-1")]), format="multipart")
    assert (missing.status_code, list(missing.json())) == (400, ["source_agency"])
    made = coordinator.post(URL, upload([row("H-1")], source_agency=locale.housing.pk), format="multipart")
    assert made.json()["source_agency"] == "Riverside Housing"
    # A representative's form has no choice of agency: the field is ignored and her own agency's is imported.
    own = police.post(URL, upload([row("H-2")], source_agency=locale.housing.pk), format="multipart").json()
    assert own["source_agency"] == "Riverside Police"
    assert IncidentImport.objects.get(pk=own["id"]).status == ImportStatus.DONE
