"""Fill the possible-duplicate queue: `python manage.py find_duplicates [--locality NAME] [--threshold 0.5]`.

Runs the record linkage engine over each locality's people (or the one named) and queues, for the coordinator to
decide, the pairs of records at or above the threshold that were never proposed before. Progress goes to stderr.
Running it again queues nothing new; a pair decided "not the same" is never queued again. Each locality's run is
audited with its counts, never the names. Run it nightly from the scheduler.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marac.agencies.models import Locality
from marac.duplicates.finding import DEFAULT_THRESHOLD, duplicates_find


class Command(BaseCommand):
    help = (
        "Find pairs of records that may be the same person, in each locality or the one named, and queue the new "
        "ones at or above the threshold for the coordinator to decide. Safe to run repeatedly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--locality", help="only this locality's people (by name)")
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help=f"lowest match probability to queue, above 0 and at most 1 (default {DEFAULT_THRESHOLD})",
        )

    def handle(self, *args, locality: str | None = None, threshold: float = DEFAULT_THRESHOLD, **options) -> None:
        if not 0 < threshold <= 1:
            raise CommandError(f"--threshold must be above 0 and at most 1, not {threshold}.")
        localities = Locality.objects.order_by("name")
        if locality:
            localities = localities.filter(name=locality)
            if not localities.exists():
                known = ", ".join(Locality.objects.order_by("name").values_list("name", flat=True)) or "none"
                raise CommandError(f"There is no locality called {locality!r} (there are: {known}).")
        added = 0
        for each in localities:
            result = duplicates_find(locality=each, threshold=threshold, progress=self.stderr.write)
            added += result.added
            self.stdout.write(
                f"{each}: {result.added:,} new pair{'' if result.added == 1 else 's'} to review "
                f"({result.pairs:,} found among {result.people:,} people)."
            )
        self.stdout.write(self.style.SUCCESS(f"Queued {added:,} new possible duplicate{'' if added == 1 else 's'}."))
