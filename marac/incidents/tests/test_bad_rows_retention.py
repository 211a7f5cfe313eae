"""The bad rows an import returned are kept long enough to correct them, then emptied by the retention run."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from marac.audit.models import AuditEvent, AuditPurpose
from marac.incidents.imports.tests.factories import finished_import
from marac.incidents.models import IncidentImport
from marac.incidents.retention import BAD_ROWS_KEPT_DAYS

pytestmark = pytest.mark.django_db


def test_bad_rows_files_older_than_the_keeping_period_are_emptied_once(locale):
    now = timezone.now()
    old = finished_import(agency=locale.police, finished_at=now - dt.timedelta(days=BAD_ROWS_KEPT_DAYS + 1))
    recent = finished_import(agency=locale.police, finished_at=now - dt.timedelta(days=BAD_ROWS_KEPT_DAYS - 1))
    assert old.bad_rows_file and recent.bad_rows_file

    call_command("apply_retention", stdout=StringIO())
    call_command("apply_retention", stdout=StringIO())

    assert IncidentImport.objects.get(pk=old.pk).bad_rows_file == ""
    assert IncidentImport.objects.get(pk=recent.pk).bad_rows_file == recent.bad_rows_file
    events = AuditEvent.objects.filter(purpose=AuditPurpose.RETENTION, summary__startswith="Emptied the bad-rows")
    assert [event.detail["ids"] for event in events] == [[old.pk]]


def test_a_dry_run_empties_nothing(locale):
    old = finished_import(agency=locale.police, finished_at=timezone.now() - dt.timedelta(days=BAD_ROWS_KEPT_DAYS + 1))
    call_command("apply_retention", "--dry-run", stdout=StringIO())
    assert IncidentImport.objects.get(pk=old.pk).bad_rows_file == old.bad_rows_file
