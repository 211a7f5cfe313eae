"""Importing a file of incidents: the one use case the upload page and the `import_incidents` command share.

1. The file is fingerprinted (SHA-256) and an `IncidentImport` is recorded as running, so its progress can be
   watched.
2. In one transaction, the file is read and checked in a thread of its own (`reading`) while the good rows are
   written chunk by chunk (`loading`): the rows whose incident the agency already sent are skipped (importing
   a file again adds nothing), the people are matched or created in bulk, the incidents inserted. After each
   chunk `rows_read` is saved in a transaction of its own, so a page polling the import sees it move.
3. If a row is bad and the import does not keep good rows, the transaction is undone and the import recorded as
   refused, with every problem (row, field, reason). Otherwise the import is recorded as done and audited in
   the same transaction as its rows.
4. Once that is committed, the repeat and escalation rules (`marac.incidents.rules.incidents_evaluate`) run on
   the incidents the import added.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO, TextIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext

from marac.access.actor import Actor
from marac.agencies.models import Agency, Locality
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.incidents.imports.loading import LoadResult, loader_for
from marac.incidents.imports.reading import ReadAhead, Reading
from marac.incidents.imports.selectors import importable_agencies
from marac.incidents.models import ImportStatus, IncidentImport
from marac.incidents.rules import RulesOutcome, incidents_evaluate


@dataclass(frozen=True)
class ImportOutcome:
    incident_import: IncidentImport
    people_matched: int = 0
    people_created: int = 0
    rules: RulesOutcome | None = None


def _fingerprint(file: BinaryIO) -> tuple[str, int]:
    """The file's SHA-256 and its number of lines (an estimate of its rows for the progress bar: a quoted
    value may span lines); leaves the file at its start."""
    digest = hashlib.sha256()
    lines = 0
    last = b""
    file.seek(0)
    while block := file.read(1024 * 1024):
        digest.update(block)
        lines += block.count(b"\n")
        last = block[-1:]
    file.seek(0)
    if last not in (b"", b"\n"):
        lines += 1
    return digest.hexdigest(), lines


def _check_may_import(actor: Actor, locality: Locality, source_agency: Agency) -> None:
    if source_agency.locality_id != locality.pk:
        raise ValidationError(
            {
                "source_agency": gettext("%(agency)s is not an agency of %(locality)s.")
                % {"agency": source_agency, "locality": locality}
            }
        )
    if not source_agency.is_active:
        raise ValidationError({"source_agency": gettext("%(agency)s is no longer active.") % {"agency": source_agency}})
    # A user imports for the agencies the policy lets them; a command run on the server acts for the system.
    if actor.membership is not None and not importable_agencies(actor).filter(pk=source_agency.pk).exists():
        raise PermissionDenied(f"{actor} may not import incidents for {source_agency}.")


class _Progress:
    """Saves how many rows have been read, for a page polling the import, and tells `on_progress`.

    The rows are written in one transaction that stays open until the end, so on PostgreSQL the count is saved
    through a second connection, in a transaction of its own each time. SQLite lets one connection write at a
    time: there the count is saved with the outcome (the upload page imports there while the user waits).
    """

    def __init__(self, record: IncidentImport, on_progress: Callable[[IncidentImport], None] | None):
        self._record = record
        self._on_progress = on_progress
        self._connection = (
            connections.create_connection(DEFAULT_DB_ALIAS) if connection.vendor == "postgresql" else None
        )

    def report(self, rows_read: int) -> None:
        self._record.rows_read = rows_read
        if self._connection is not None:
            table = IncidentImport._meta.db_table
            with self._connection.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET rows_read = %s WHERE id = %s", [rows_read, self._record.pk])
        if self._on_progress:
            self._on_progress(self._record)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()


class _Refused(Exception):
    """Raised inside the import's transaction to undo the rows written before a bad row was found."""


def _record_outcome(
    actor: Actor, record: IncidentImport, reading: Reading, result: LoadResult | None, *, refused: bool
) -> None:
    record.status = ImportStatus.REJECTED if refused else ImportStatus.DONE
    record.rows_total = record.rows_read = reading.rows
    record.rows_bad = reading.bad_count
    record.rows_imported = result.imported if result else 0
    record.rows_already_known = result.already_known if result else 0
    record.errors = reading.errors
    if record.keep_good_rows and reading.bad_count and not refused:
        record.bad_rows_file = reading.bad_rows.text()
    record.finished_at = timezone.now()
    record.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=record,
        summary=(
            f"Refused an incidents file from {record.source_agency}: nothing imported"
            if refused
            else f"Imported incidents from {record.source_agency}: {record.rows_imported} new, "
            f"{record.rows_already_known} already known, {record.rows_bad} bad rows"
        ),
        detail={
            "file_name": record.file_name,
            "file_sha256": record.file_sha256,
            "source_agency": record.source_agency_id,
            "status": record.status,
            "keep_good_rows": record.keep_good_rows,
            "rows": record.rows_total,
            "imported": record.rows_imported,
            "already_known": record.rows_already_known,
            "bad": record.rows_bad,
            "people_matched": result.people_matched if result else 0,
            "people_created": result.people_created if result else 0,
        },
    )


def _fail(actor: Actor, record: IncidentImport, error: Exception) -> None:
    with transaction.atomic():
        record.status = ImportStatus.FAILED
        record.finished_at = timezone.now()
        record.save(update_fields=["status", "finished_at"])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=record,
            summary=f"An incidents import from {record.source_agency} failed: nothing imported",
            detail={"file_name": record.file_name, "file_sha256": record.file_sha256, "error": type(error).__name__},
        )


def _import_rows(
    actor: Actor, record: IncidentImport, file: BinaryIO, reading: Reading, progress: "_Progress"
) -> LoadResult:
    """Read, check and write every row, and record the outcome, in one transaction; refused, it writes only the
    outcome (the rows written before the first bad row are undone)."""
    try:
        with transaction.atomic():
            loader = loader_for(incident_import=record)
            try:
                chunks = ReadAhead(
                    file=file,
                    reading=reading,
                    chunk_rows=loader.chunk_rows,
                    keep_good_rows=record.keep_good_rows,
                    prepare=loader.prepare,
                )
                for chunk in chunks:
                    if chunk.rows and not reading.refuses(keep_good_rows=record.keep_good_rows):
                        loader.add(chunk.prepared)
                    progress.report(chunk.rows_read)
            finally:
                loader.close()
            if reading.refuses(keep_good_rows=record.keep_good_rows):
                raise _Refused
            _record_outcome(actor, record, reading, loader.result, refused=False)
    except _Refused:
        with transaction.atomic():
            _record_outcome(actor, record, reading, None, refused=True)
        return LoadResult()
    return loader.result


def incident_import(
    *,
    actor: Actor,
    locality: Locality,
    source_agency: Agency,
    file: BinaryIO,
    file_name: str,
    keep_good_rows: bool = False,
    bad_rows_out: TextIO | None = None,
    on_progress: Callable[[IncidentImport], None] | None = None,
) -> ImportOutcome:
    """Import a CSV export of `source_agency`'s incidents (docs/incident-import.md).

    `file` is a seekable binary file, read as a stream. Call it outside any transaction: the import's record and
    its progress are committed as they go, the rows in one transaction of their own. `bad_rows_out` receives the
    bad rows as CSV (their own columns, `row` and `error`); with `keep_good_rows` the file is also kept on the
    import for download.
    """
    _check_may_import(actor, locality, source_agency)
    file_sha256, lines = _fingerprint(file)
    record = IncidentImport.objects.create(
        locality=locality,
        source_agency=source_agency,
        file_name=file_name[: IncidentImport._meta.get_field("file_name").max_length],
        file_sha256=file_sha256,
        keep_good_rows=keep_good_rows,
        status=ImportStatus.RUNNING,
        rows_total=max(lines - 1, 0),
        started_by=actor.user,
        started_at=timezone.now(),
    )
    reading = Reading()
    progress = _Progress(record, on_progress)
    try:
        result = _import_rows(actor, record, file, reading, progress)
        if bad_rows_out is not None and reading.bad_count:
            reading.bad_rows.copy_to(bad_rows_out)
    except Exception as error:
        _fail(actor, record, error)
        raise
    finally:
        progress.close()
        if reading.bad_rows is not None:
            reading.bad_rows.close()
    if not record.rows_imported:
        return ImportOutcome(incident_import=record)
    rules = incidents_evaluate(incidents=record.incidents.all())
    return ImportOutcome(
        incident_import=record,
        people_matched=result.people_matched,
        people_created=result.people_created,
        rules=rules,
    )


def bad_rows_download(*, actor: Actor, incident_import: IncidentImport) -> str:
    """The bad rows file kept by an import that kept its good rows; the download is audited as an export."""
    if not incident_import.bad_rows_file:
        raise ValidationError(gettext("This import kept no bad rows file."))
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target=incident_import,
        summary=f"Downloaded the bad rows of an incidents import ({incident_import.rows_bad} rows)",
        detail={"file_name": incident_import.file_name, "rows": incident_import.rows_bad},
    )
    return incident_import.bad_rows_file
