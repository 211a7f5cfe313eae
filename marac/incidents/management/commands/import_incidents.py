"""Import an agency's export of incidents: `python manage.py import_incidents --locality NAME --agency NAME --file
incidents.csv [--keep-good-rows] [--bad-rows-out bad.csv]`.

The route for files too big for the upload page (docs/incident-import.md). Progress goes to stderr; the import
also shows on the locality's import pages while it runs. Running it again on the same file adds nothing. Exits
with status 1 when the file is refused.
"""

import time
from contextlib import nullcontext
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from marac.access.actor import Actor
from marac.agencies.models import Agency, Locality
from marac.incidents.imports.services import ImportOutcome, incident_import
from marac.incidents.models import ImportStatus, IncidentImport

# Problems printed before "and N more": the import's page lists them all.
PROBLEMS_SHOWN = 50


class Command(BaseCommand):
    help = (
        "Import a CSV export of incidents from one agency's system (schema: docs/incident-import.md). Checks every "
        "row first; by default a file with a bad row imports nothing. Importing the same file again adds nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--locality", required=True, help="The locality's name, as in the administration pages.")
        parser.add_argument("--agency", required=True, help="The name of the agency whose system the file is from.")
        parser.add_argument("--file", required=True, type=Path, help="The CSV file (UTF-8, header row).")
        parser.add_argument(
            "--keep-good-rows",
            action="store_true",
            help="Import the good rows even if some are bad (the bad ones are kept on the import for download).",
        )
        parser.add_argument(
            "--bad-rows-out",
            type=Path,
            help="Write the bad rows here as CSV: their own columns, then `row` and `error`.",
        )

    def handle(self, *args, **options) -> None:
        locality = Locality.objects.filter(name=options["locality"]).first()
        if locality is None:
            names = ", ".join(Locality.objects.order_by("name").values_list("name", flat=True))
            raise CommandError(f"No locality is called {options['locality']!r}. Localities: {names}.")
        agency = Agency.objects.filter(locality=locality, name=options["agency"]).first()
        if agency is None:
            names = ", ".join(Agency.objects.filter(locality=locality).order_by("name").values_list("name", flat=True))
            raise CommandError(f"{locality} has no agency called {options['agency']!r}. Its agencies: {names}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        started = time.monotonic()
        try:
            with path.open("rb") as file:
                bad_rows_out = options["bad_rows_out"]
                with bad_rows_out.open("w", encoding="utf-8", newline="") if bad_rows_out else nullcontext() as out:
                    outcome = incident_import(
                        actor=Actor(user=None, membership=None),
                        locality=locality,
                        source_agency=agency,
                        file=file,
                        file_name=path.name,
                        keep_good_rows=options["keep_good_rows"],
                        bad_rows_out=out,
                        on_progress=self._progress,
                    )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self._report(outcome, seconds=time.monotonic() - started, bad_rows_out=options["bad_rows_out"])

    def _progress(self, record: IncidentImport) -> None:
        self.stderr.write(f"Read {record.rows_read:,} of about {record.rows_total:,} rows")

    def _report(self, outcome: ImportOutcome, *, seconds: float, bad_rows_out: Path | None) -> None:
        record = outcome.incident_import
        problems = record.errors
        for problem in problems[:PROBLEMS_SHOWN]:
            field = f"{problem['field']}: " if problem["field"] else ""
            self.stderr.write(f"Row {problem['row']}: {field}{problem['reason']}")
        if len(problems) > PROBLEMS_SHOWN:
            self.stderr.write(f"… and {len(problems) - PROBLEMS_SHOWN:,} more problems (all on import {record.pk}).")
        if bad_rows_out and record.rows_bad:
            self.stderr.write(f"The {record.rows_bad:,} bad rows are in {bad_rows_out}.")
        if record.status == ImportStatus.REJECTED:
            raise CommandError(
                f"Import {record.pk} refused the file: nothing imported "
                f"({record.rows_bad:,} bad rows of {record.rows_total:,}). Correct the rows, or use --keep-good-rows."
                if record.rows_bad
                else f"Import {record.pk} could not read the file: nothing imported."
            )
        rate = record.rows_total / seconds if seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Import {record.pk}: {record.rows_imported:,} new incidents, {record.rows_already_known:,} already "
                f"imported, {record.rows_bad:,} bad rows; {outcome.people_matched:,} people matched, "
                f"{outcome.people_created:,} new people; {seconds:.1f} s ({rate:,.0f} rows/s)."
            )
        )
        if outcome.rules is not None:
            rules = outcome.rules
            self.stdout.write(
                f"Rules: {len(rules.referrals_created)} repeat referrals made, {len(rules.referrals_extended)} "
                f"extended, {len(rules.flags_raised)} people flagged for referral."
            )
