"""The search's result as CSV: every matching event, recorded as an export before the file is sent."""

import csv
import io

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.audit.tests.factories import build_trail

EXPORT = reverse("audit:search_export")


@pytest.fixture
def trail(locale, other_locale):
    return build_trail(locale, other_locale)


@pytest.fixture
def auditor(locale):
    return locale.client("auditor")


def rows_of(response) -> list[dict[str, str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_export_holds_the_searchs_events_with_who_why_and_where_from(trail, auditor):
    address = auditor.post(reverse("audit:search"), {"case_reference": "RS-00001"}).url
    response = auditor.get(EXPORT + address[address.index("?") :])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="audit-events-')
    assert response["Cache-Control"] == "no-store"
    rows = rows_of(response)
    assert [int(row["event"]) for row in rows] == [
        trail.far_police_refused_case.pk,
        trail.social_care_refused_case.pk,
        trail.housing_viewed_case.pk,
    ]
    viewed = rows[-1]
    assert viewed["user"] == "riverside-housing_rep"
    assert viewed["agency"] == "Riverside Housing"
    assert viewed["role"] == "Agency representative"
    assert viewed["action"] == "Viewed"
    assert viewed["purpose"] == "meeting"
    assert viewed["case reference"] == "RS-00001"
    assert viewed["ip address"] == "127.0.0.1"
    assert viewed["request id"] == trail.housing_viewed_case.request_id
    assert viewed["hash"] == trail.housing_viewed_case.hash
    assert viewed["when"].startswith("2026-03-02T10:00:00")
    assert rows[0]["action"] == "Refused access" and rows[0]["user"] == "hillcrest-police_rep"


def test_the_export_is_recorded_and_does_not_contain_its_own_record(trail, locale, auditor):
    rows = rows_of(auditor.get(EXPORT))
    exported = AuditEvent.objects.get(action=AuditAction.EXPORT, actor=locale.memberships["auditor"].user)
    assert exported.purpose == "audit review"
    assert exported.detail["count"] == len(rows) == 6
    assert exported.detail["criteria"] == {}
    assert exported.pk not in {int(row["event"]) for row in rows}


def test_an_export_by_name_records_whom_the_name_matched(trail, locale, auditor):
    address = auditor.post(reverse("audit:search"), {"person": "Darren"}).url
    rows = rows_of(auditor.get(EXPORT + address[address.index("?") :]))
    exported = AuditEvent.objects.get(action=AuditAction.EXPORT, actor=locale.memberships["auditor"].user)
    assert exported.detail["criteria"] == {"person_ids": [trail.perpetrator.pk]}
    assert exported.detail["count"] == len(rows) == 4


def test_text_that_a_spreadsheet_would_run_is_kept_as_text(trail, auditor):
    rows = rows_of(auditor.get(EXPORT))
    summary = next(row["summary"] for row in rows if int(row["event"]) == trail.housing_exported.pk)
    assert summary == '\'=HYPERLINK("x") minutes'


def test_the_export_is_read_in_batches(trail, auditor, monkeypatch):
    monkeypatch.setattr("marac.audit.views.EXPORT_BATCH_SIZE", 2)
    rows = rows_of(auditor.get(EXPORT))
    assert len({row["event"] for row in rows}) == len(rows) == 6


def test_an_expired_search_is_not_exported(trail, locale, auditor):
    response = auditor.get(EXPORT + "?search=gone")
    assert response.status_code == 302 and response.url == reverse("audit:search")
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=locale.memberships["auditor"].user).exists()


def test_only_the_auditor_may_export(trail, locale):
    assert locale.client("coordinator").get(EXPORT).status_code == 404
