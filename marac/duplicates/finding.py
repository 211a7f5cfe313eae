"""Finding possible duplicates among a locality's people, for the coordinator's review queue.

The linkage engine (marac.linkage, Splink on DuckDB) runs in dedupe mode over the locality's records. Each person
takes part under every name they are known by, their recorded name and each other name (`known_people`), as
separate records: a duplicate recorded under someone's other name is found through it. Pairs of records are then
collapsed to pairs of people, keeping the best probability, and pairs of one person's own names are dropped.

A pair is new when it was never proposed: one row per pair is kept for ever, so a pair decided "not the same" is
never proposed again, and a second run adds nothing. Records merged into another are left out (they are that
other person now), and so are records the retention schedule anonymised.

Nothing here merges anything: it only fills the queue. The run is audited with counts, never names.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
from django.db import transaction
from django.utils import timezone

from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.duplicates.models import DuplicateCandidate, MatchMethod
from marac.linkage import engine
from marac.linkage.extract import RECORD_SCHEMA
from marac.linkage.features import date_of_birth_key
from marac.linkage.people import known_people
from marac.people.models import Person
from marac.people.normalise import normalise_name

DEFAULT_THRESHOLD = engine.DEFAULT_THRESHOLD
# The audit trail says why the people's records were read.
PURPOSE = "finding possible duplicate records"

Progress = Callable[[str], None]


def _quiet(message: str) -> None:
    """Progress reporter that reports nothing."""


@dataclass(frozen=True)
class FindResult:
    locality: Locality
    people: int
    names: int  # records given to the engine: names and other names
    pairs: int  # pairs of people at or above the threshold
    added: int  # of which new to the queue


def identity_keys(given_name: str | None, surname: str | None, date_of_birth: dt.date | None) -> set[tuple[str, str]]:
    """What the exact rule compares: the normalised name in either order, with the date of birth with day and
    month in either order. Two records sharing a key are the same person as far as exact identifiers tell."""
    given, surname = normalise_name(given_name or ""), normalise_name(surname or "")
    if date_of_birth is None or not given or not surname:
        return set()
    born = date_of_birth_key(date_of_birth)
    return {(f"{given} {surname}", born), (f"{surname} {given}", born)}


def _locality_records(locality: Locality) -> tuple[pa.Table, pa.Array]:
    """The engine's records (record id = row number) and, row for row, whose name each one is."""
    known = known_people(locality)
    merged = Person.objects.filter(locality=locality, merged_into__isnull=False).values_list("pk", flat=True)
    merged_ids = pa.array(list(merged), type=pa.int64())
    if len(merged_ids):
        known = known.filter(pc.invert(pc.is_in(known.column("person_id"), value_set=merged_ids)))
    record_ids = pa.array([str(row) for row in range(known.num_rows)], type=pa.string())
    records = known.set_column(0, "record_id", record_ids).cast(RECORD_SCHEMA)
    return records, known.column("person_id").combine_chunks()


def _person_pairs(matches: pa.Table, person_of_row: pa.Array) -> pa.Table:
    """Matches between records -> pairs of people (lower id first), the best probability of each."""
    first = pc.take(person_of_row, pc.cast(matches.column("record_id"), pa.int64()))
    second = pc.take(person_of_row, pc.cast(matches.column("matched_id"), pa.int64()))
    pairs = pa.table(
        {
            "person_a": pc.min_element_wise(first, second),
            "person_b": pc.max_element_wise(first, second),
            "probability": matches.column("match_probability"),
        }
    )
    pairs = pairs.filter(pc.not_equal(pairs.column("person_a"), pairs.column("person_b")))
    return pairs.group_by(["person_a", "person_b"]).aggregate([("probability", "max")])


def _exact_pairs(records: pa.Table, person_of_row: pa.Array, pairs: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs that the exact rule alone finds (see `identity_keys`)."""
    pairs = list(pairs)
    involved = pa.array(sorted({person for pair in pairs for person in pair}), type=pa.int64())
    rows = records.append_column("person_id", person_of_row).filter(pc.is_in(person_of_row, value_set=involved))
    keys: dict[int, set] = {}
    for row in rows.select(["person_id", "given_name", "surname", "date_of_birth"]).to_pylist():
        keys.setdefault(row["person_id"], set()).update(
            identity_keys(row["given_name"], row["surname"], row["date_of_birth"])
        )
    return {(a, b) for a, b in pairs if keys.get(a, set()) & keys.get(b, set())}


def duplicates_find(
    *, locality: Locality, threshold: float = DEFAULT_THRESHOLD, progress: Progress = _quiet
) -> FindResult:
    """Run the engine over the locality's people and queue the new pairs at or above `threshold`."""
    records, person_of_row = _locality_records(locality)
    people = len(pc.unique(person_of_row)) if len(person_of_row) else 0
    progress(f"{locality}: {people:,} people under {records.num_rows:,} names")
    found: dict[tuple[int, int], float] = {}
    if people >= 2:
        result = engine.dedupe(records, threshold=threshold, progress=progress)
        pairs = _person_pairs(result.matches, person_of_row)
        found = {
            (a, b): probability
            for a, b, probability in zip(
                *(pairs.column(name).to_pylist() for name in ("person_a", "person_b", "probability_max")), strict=True
            )
        }
    progress(f"{locality}: {len(found):,} pairs of people at or above {threshold}")
    with transaction.atomic():
        proposed = set(DuplicateCandidate.objects.filter(locality=locality).values_list("person_a_id", "person_b_id"))
        new = sorted(set(found) - proposed)
        exact = _exact_pairs(records, person_of_row, new) if new else set()
        now = timezone.now()
        # Should two runs overlap, the pair's unique constraint fails the later one whole: nothing is queued twice.
        DuplicateCandidate.objects.bulk_create(
            [
                DuplicateCandidate(
                    locality=locality,
                    person_a_id=a,
                    person_b_id=b,
                    match_probability=found[a, b],
                    method=MatchMethod.EXACT if (a, b) in exact else MatchMethod.PROBABILISTIC,
                    found_at=now,
                )
                for a, b in new
            ],
            batch_size=1000,
        )
        found_result = FindResult(
            locality=locality, people=people, names=records.num_rows, pairs=len(found), added=len(new)
        )
        audit_record(
            actor=Actor(user=None, membership=None),
            action=AuditAction.CREATE if new else AuditAction.LIST,
            target=locality,
            summary=f"Looked for possible duplicates among {people:,} people: {len(new):,} new pairs to review",
            detail={
                "people": people,
                "names": records.num_rows,
                "threshold": threshold,
                "pairs": len(found),
                "added": len(new),
                "exact": len(exact),
            },
            purpose=PURPOSE,
        )
    progress(f"{locality}: {len(new):,} new pairs queued for review")
    return found_result
