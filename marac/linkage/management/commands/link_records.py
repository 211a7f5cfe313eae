"""Research by record linkage: `python manage.py link_records --input people.csv --output matches.csv
[--dedupe] [--locality NAME] [--threshold 0.5]`.

Reads an agency's extract (see `marac.linkage.extract` for the columns and the rules for dates) and writes the
candidate matches: `record_id, matched_id, match_probability`, where `matched_id` is the id of a person the
locality knows, or with --dedupe the id of another record of the same file. Progress goes to stderr. A file
with a missing column or a bad row is refused whole, with every bad row listed, and nothing is written.
Each run is audited (file name and counts, never the names in it). Running it again writes the same file.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.linkage import engine
from marac.linkage.engine import DEFAULT_THRESHOLD, LinkageResult
from marac.linkage.extract import ExtractError, read_extract, write_matches
from marac.linkage.people import known_people

# The audit trail says why the people's records were read.
PURPOSE = "research by record linkage"
_PROBLEMS_SHOWN = 20


class Command(BaseCommand):
    help = (
        "Find the records of an agency's extract (CSV with record_id, given_name, surname, date_of_birth, "
        "address, postcode) that may be people the locality already knows, or with --dedupe that may be the "
        "same person within the file; write record_id, matched_id, match_probability to --output."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, type=Path, help="the extract, a CSV file")
        parser.add_argument("--output", required=True, type=Path, help="where to write the matches (CSV)")
        parser.add_argument("--dedupe", action="store_true", help="match records within the file instead")
        parser.add_argument("--locality", help="whose people to match against (needed if there are several)")
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help=f"lowest match probability to write, above 0 and at most 1 (default {DEFAULT_THRESHOLD})",
        )

    def handle(
        self,
        *args,
        input: Path,
        output: Path,
        dedupe: bool = False,
        locality: str | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        **options,
    ) -> None:
        if not 0 < threshold <= 1:
            raise CommandError(f"--threshold must be above 0 and at most 1, not {threshold}.")
        if not input.is_file():
            raise CommandError(f"There is no file {input}.")
        if not output.parent.is_dir():
            raise CommandError(f"There is no folder {output.parent} to write {output.name} in.")
        against = None if dedupe else self._locality(locality)

        try:
            records = read_extract(input, progress=self._progress)
        except ExtractError as error:
            raise CommandError(self._describe(error)) from None
        self._progress(f"Read {records.num_rows:,} records from {input.name}")

        if against is None:
            result = engine.dedupe(records, threshold=threshold, progress=self._progress)
        else:
            known = known_people(against)
            self._progress(f"Loaded {known.num_rows:,} names of the people {against} knows")
            result = engine.link(records, known, threshold=threshold, progress=self._progress)
        # Audited and written together: a failed write leaves no event behind, and no file goes unaudited.
        with transaction.atomic():
            self._audit(input=input, against=against, threshold=threshold, result=result)
            write_matches(output, result.matches)

        matches = result.matches.num_rows
        self.stdout.write(
            f"Wrote {matches:,} candidate match{'' if matches == 1 else 'es'} for {result.records:,} records "
            f"to {output}."
        )

    def _locality(self, name: str | None) -> Locality:
        if name:
            found = Locality.objects.filter(name=name).first()
            if found is None:
                known = ", ".join(Locality.objects.order_by("name").values_list("name", flat=True)) or "none"
                raise CommandError(f"There is no locality called {name!r} (there are: {known}).")
            return found
        localities = list(Locality.objects.order_by("name")[:2])
        if len(localities) != 1:
            raise CommandError(
                "Name the locality whose people to match against with --locality, or use --dedupe to match "
                "records within the file."
            )
        return localities[0]

    def _progress(self, message: str) -> None:
        self.stderr.write(message)

    @staticmethod
    def _describe(error: ExtractError) -> str:
        lines = [str(error), *(str(problem) for problem in error.problems[:_PROBLEMS_SHOWN])]
        hidden = len(error.problems) - _PROBLEMS_SHOWN
        if hidden > 0:
            lines.append(f"…and {hidden:,} more.")
        return "\n".join(lines)

    @staticmethod
    def _audit(*, input: Path, against: Locality | None, threshold: float, result: LinkageResult) -> None:
        # The file's name and counts only: the extract itself is personal data and stays out of the trail.
        mode = "dedupe" if against is None else "link"
        audit_record(
            actor=Actor(user=None, membership=None),
            action=AuditAction.EXPORT,
            target=against,
            summary=(
                f"Record linkage ({mode}) of {input.name}: {result.records:,} records, "
                f"{result.matches.num_rows:,} candidate matches"
            ),
            detail={
                "file": input.name,
                "mode": mode,
                "records": result.records,
                "matches": result.matches.num_rows,
                "threshold": threshold,
            },
            purpose=PURPOSE,
        )
