"""The import pages: upload, result with the problems, the bad rows download, progress, and who sees what."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.imports import forms as import_forms
from marac.incidents.imports.tests.factories import csv_bytes, finished_import, row
from marac.incidents.models import ImportStatus, Incident, IncidentImport
from marac.testing.queries import audit_lock_queries


def _upload(rows, name: str = "march.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes(rows), content_type="text/csv")


def test_a_representative_imports_her_own_agencys_file(locale):
    client = locale.client("police_rep")
    page = client.get(reverse("incident_imports:new")).content.decode()
    assert 'name="source_agency"' not in page and "Riverside Police" in page

    response = client.post(reverse("incident_imports:new"), {"file": _upload([row("P-1"), row("P-2")])})

    record = IncidentImport.objects.get()
    assert response.status_code == 302 and response.url == reverse("incident_imports:detail", args=[record.pk])
    assert (record.source_agency, record.file_name, record.rows_imported) == (locale.police, "march.csv", 2)
    assert record.started_by == locale.memberships["police_rep"].user
    body = client.get(response.url).content.decode()
    assert "Imported 2 new incidents." in body and "march.csv" in body


def test_the_coordinator_chooses_the_agency(locale):
    client = locale.client("coordinator")
    client.post(
        reverse("incident_imports:new"),
        {"source_agency": locale.housing.pk, "file": _upload([row("H-1")])},
    )
    assert Incident.objects.get().source_agency == locale.housing


def test_an_agency_of_another_locality_is_never_offered(locale, other_locale):
    response = locale.client("coordinator").post(
        reverse("incident_imports:new"),
        {"source_agency": other_locale.police.pk, "file": _upload([row("H-1")])},
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not IncidentImport.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, summary__contains="never offered").exists()


def test_a_file_too_big_or_not_csv_is_refused_before_reading(locale, monkeypatch):
    monkeypatch.setattr(import_forms, "MAX_UPLOAD_BYTES", 10)
    client = locale.client("police_rep")
    body = client.post(reverse("incident_imports:new"), {"file": _upload([row("P-1")])}).content.decode()
    assert "this page imports files of at most" in body and "import command" in body
    body = client.post(reverse("incident_imports:new"), {"file": _upload([], name="march.xlsx")}).content.decode()
    assert "the file must be a CSV file" in body
    assert not IncidentImport.objects.exists()


def test_a_refused_file_shows_each_problem_by_row_and_column(locale):
    client = locale.client("police_rep")
    response = client.post(
        reverse("incident_imports:new"), {"file": _upload([row("P-1"), row("P-2", gravity="7")])}, follow=True
    )
    body = response.content.decode()
    assert "Nothing was imported" in body
    assert "<code>gravity</code>" in body and "must be 1 to 4, not &#x27;7&#x27;" in body
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in body
    assert "Download the bad rows" not in body
    assert not Incident.objects.exists()


def test_keeping_good_rows_offers_the_bad_rows_file_and_audits_its_download(locale):
    client = locale.client("police_rep")
    response = client.post(
        reverse("incident_imports:new"),
        {"file": _upload([row("P-1"), row("P-2", gravity="7")]), "keep_good_rows": "on"},
        follow=True,
    )
    record = IncidentImport.objects.get()
    download = reverse("incident_imports:bad_rows", args=[record.pk])
    assert download in response.content.decode()

    response = client.get(download)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="march-bad-rows.csv"' in response["Content-Disposition"]
    assert response.content.decode().splitlines()[1].startswith("P-2,")
    export = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (export.object_id, export.actor) == (str(record.pk), locale.memberships["police_rep"].user)


def test_an_import_without_bad_rows_has_no_file_to_download(locale):
    record = finished_import(agency=locale.police, bad_rows_file="", rows_bad=0)
    response = locale.client("police_rep").get(reverse("incident_imports:bad_rows", args=[record.pk]))
    assert response.status_code == 404


def test_a_running_import_polls_its_progress_and_reloads_when_done(locale):
    record = finished_import(agency=locale.police, status=ImportStatus.RUNNING, rows_total=1000, rows_read=250)
    client = locale.client("police_rep")
    progress = reverse("incident_imports:progress", args=[record.pk])

    page = client.get(reverse("incident_imports:detail", args=[record.pk])).content.decode()
    assert f'hx-get="{progress}"' in page and 'hx-trigger="every 1s"' in page
    fragment = client.get(progress, headers={"HX-Request": "true"})
    assert 'value="250"' in fragment.content.decode() and "<html" not in fragment.content.decode()

    IncidentImport.objects.filter(pk=record.pk).update(status=ImportStatus.DONE)
    assert client.get(progress, headers={"HX-Request": "true"})["HX-Refresh"] == "true"
    # Without JavaScript the progress address shows the import's page.
    assert "File fingerprint" in client.get(progress).content.decode()


def test_the_list_shows_an_agencys_own_imports_and_the_coordinator_every_one(locale):
    police = finished_import(agency=locale.police, file_name="police.csv")
    housing = finished_import(agency=locale.housing, file_name="housing.csv")
    url = reverse("incident_imports:list")
    police_page = locale.client("police_rep").get(url).content.decode()
    assert "police.csv" in police_page and "housing.csv" not in police_page
    coordinator_page = locale.client("coordinator").get(url).content.decode()
    assert "police.csv" in coordinator_page and "housing.csv" in coordinator_page
    listed = AuditEvent.objects.filter(action=AuditAction.LIST, summary="Listed incident imports").order_by("pk").last()
    assert sorted(listed.detail["ids"]) == sorted([police.pk, housing.pk])


def test_nobody_else_sees_an_import(locale, other_locale):
    record = finished_import(agency=locale.police)
    for client in (
        other_locale.client("coordinator"),
        locale.client("housing_rep"),
        locale.client("analyst"),
        locale.client("chair"),
    ):
        for name in ("incident_imports:detail", "incident_imports:bad_rows", "incident_imports:progress"):
            assert client.get(reverse(name, args=[record.pk])).status_code == 404
    assert locale.client("analyst").get(reverse("incident_imports:new")).status_code == 404
    assert locale.client("analyst").get(reverse("incident_imports:list")).status_code == 404


def test_the_result_page_costs_the_same_queries_however_many_problems(locale, django_assert_max_num_queries):
    errors = [{"row": number, "field": "gravity", "reason": "must be 1 to 4"} for number in range(2, 600)]
    record = finished_import(agency=locale.police, errors=errors, rows_bad=598)
    client = locale.client("police_rep")
    url = reverse("incident_imports:detail", args=[record.pk])
    client.get(url)
    # The signed-in request (session, user, authenticator, membership, sharing agreement), the import, and the
    # audit event of the view (savepoint, last hash, insert, release).
    with django_assert_max_num_queries(5 + 1 + 4 + audit_lock_queries(1)):
        body = client.get(url).content.decode()
    assert "Problems (598)" in body and "Pages of problems" in body


def test_the_list_costs_the_same_queries_however_many_imports(locale, django_assert_max_num_queries):
    for number in range(30):
        finished_import(agency=locale.police, file_name=f"export-{number}.csv")
    client = locale.client("coordinator")
    url = reverse("incident_imports:list")
    client.get(url)
    # The signed-in request, the count and the page of imports, the audit event of the list.
    with django_assert_max_num_queries(5 + 2 + 4 + audit_lock_queries(1)):
        body = client.get(url).content.decode()
    assert "export-29.csv" in body


def test_an_upload_kept_on_disk_is_read_as_a_stream(locale, settings):
    """Uploads above Django's in-memory limit arrive as a temporary file; it is read the same way."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100
    locale.client("police_rep").post(reverse("incident_imports:new"), {"file": _upload([row("P-1"), row("P-2")])})
    assert IncidentImport.objects.get().rows_imported == 2
