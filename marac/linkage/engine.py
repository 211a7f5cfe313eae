"""Record linkage: which records are the same person, with what probability (Splink on DuckDB).

Two modes:

- `dedupe(records)`: pairs of records within one extract that may be the same person;
- `link(records, known)`: for each record, the known people (a locality's Person rows and their aliases, see
  `marac.linkage.people`) it may be.

How a run goes, all of it set-based in an in-memory DuckDB database:

1. Matching columns are derived once per distinct value (`marac.linkage.features`).
2. Candidate pairs come from the blocking rules in `marac.linkage.model`; only they are scored.
3. Exact identifiers first: a pair with the same normalised name (in either order) and the same date of birth
   (or with day and month swapped) is certain, probability 1, as `marac.people.matching` would decide.
4. Every other pair is scored by the Fellegi–Sunter model: m probabilities fixed (see `marac.linkage.model`),
   u probabilities estimated on this run's data by sampling random pairs (`U_SAMPLE_PAIRS`, seeded, so a run
   is repeatable), and the prior — the probability that two random records are the same person — counted
   directly: pairs with exact identifiers, divided by the share of true pairs such rules are known to find
   (`EXACT_RULE_RECALL`, measured on the synthetic extract).

Why m is fixed rather than estimated by expectation maximisation on each run: EM needs many true pairs to be
stable, which a small extract or a locality of a few hundred people does not have (it drifts, and the same
record would score differently from one run to the next); on a million rows it costs a third of the time
budget for values that hardly change. m describes how agencies make mistakes (typing, nicknames, swapped
fields), not who is in the file, so one careful estimate serves every run. `bench/estimate_m.py` re-estimates
it on synthetic data by EM.

Nothing here writes to the application database or decides anything: the results are candidates for a person
to review.
"""

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker

from marac.linkage import model
from marac.linkage.features import matching_table

U_SAMPLE_PAIRS = 2_000_000
U_SAMPLE_SEED = 6
# Below this many possible pairs, chance agreement cannot be measured on the data (a level that random pairs
# reach once in a million is never seen); the reference u of `marac.linkage.model` is used instead, and names
# are not weighted by how common they are in the file.
U_ESTIMATE_MIN_PAIRS = 1_000_000
# Share of true pairs that the exact rule (same name and date of birth) finds on the synthetic extract.
EXACT_RULE_RECALL = 0.36
DEFAULT_THRESHOLD = 0.9

MATCH_SCHEMA = pa.schema([("record_id", pa.string()), ("matched_id", pa.string()), ("match_probability", pa.float64())])

Progress = Callable[[str], None]


@dataclass(frozen=True)
class LinkageResult:
    """Candidate matches at or above the threshold, best first for each record; counts for the run's report."""

    matches: pa.Table
    records: int
    candidate_pairs: int


def _quiet(message: str) -> None:
    """Progress reporter that reports nothing."""


def dedupe(records: pa.Table, *, threshold: float = DEFAULT_THRESHOLD, progress: Progress = _quiet) -> LinkageResult:
    """Pairs of records in `records` (columns as `marac.linkage.extract.RECORD_SCHEMA`) that may be one person.

    Each pair appears once, the lower record id first as `record_id`."""
    table = matching_table(records.column("record_id").to_pylist(), records)
    progress(f"Prepared {table.num_rows:,} records for matching")
    with _database() as connection:
        db_api = DuckDBAPI(connection)
        extract = db_api.register(table, table_name="extract")
        pairs = PairCounter(connection, ("extract",))
        all_pairs = table.num_rows * (table.num_rows - 1) / 2
        linker = _trained_linker(extract, "dedupe_only", pairs, all_pairs, progress)
        predictions = linker.inference.predict(warning_mode="never")
        candidate_pairs = _count(connection, f"SELECT count(*) FROM {predictions.physical_name}")
        progress(f"Scored {candidate_pairs:,} candidate pairs")
        matches = connection.sql(
            f"""
            SELECT unique_id_l AS record_id, unique_id_r AS matched_id, probability AS match_probability
            FROM (
                SELECT unique_id_l, unique_id_r,
                       CASE WHEN {model.EXACT_PAIR_SQL} THEN 1.0 ELSE match_probability END AS probability
                FROM {predictions.physical_name}
            )
            WHERE probability >= {float(threshold)!r}
            ORDER BY record_id, match_probability DESC, matched_id
            """
        ).to_arrow_table()
    return LinkageResult(matches=_as_match_table(matches), records=table.num_rows, candidate_pairs=candidate_pairs)


def link(
    records: pa.Table, known: pa.Table, *, threshold: float = DEFAULT_THRESHOLD, progress: Progress = _quiet
) -> LinkageResult:
    """For each record, the known people it may be: `matched_id` is the person's id.

    `known` has the record columns plus `person_id`, one row per name a person is known by (see
    `marac.linkage.people`); a record matching several of one person's names is reported once, with the best
    probability."""
    table = matching_table(records.column("record_id").to_pylist(), records)
    known_ids = [f"{row}" for row in range(known.num_rows)]
    known_table = matching_table(known_ids, known).append_column("person_id", known.column("person_id"))
    progress(f"Prepared {table.num_rows:,} records and {known_table.num_rows:,} known names for matching")
    with _database() as connection:
        db_api = DuckDBAPI(connection)
        extract = db_api.register(table, table_name="extract")
        people = db_api.register(known_table, table_name="known")
        pairs = PairCounter(connection, ("extract", "known"))
        all_pairs = table.num_rows * known_table.num_rows
        linker = _trained_linker([extract, people], "link_only", pairs, all_pairs, progress)
        predictions = linker.inference.predict(warning_mode="never")
        candidate_pairs = _count(connection, f"SELECT count(*) FROM {predictions.physical_name}")
        progress(f"Scored {candidate_pairs:,} candidate pairs")
        matches = connection.sql(
            f"""
            WITH scored AS (
                SELECT
                    CASE WHEN source_dataset_l = 'extract' THEN unique_id_l ELSE unique_id_r END AS record_id,
                    CASE WHEN source_dataset_l = 'extract' THEN unique_id_r ELSE unique_id_l END AS known_id,
                    CASE WHEN {model.EXACT_PAIR_SQL} THEN 1.0 ELSE match_probability END AS probability
                FROM {predictions.physical_name}
            )
            SELECT scored.record_id, CAST(known.person_id AS VARCHAR) AS matched_id,
                   max(scored.probability) AS match_probability
            FROM scored JOIN known ON known.unique_id = scored.known_id
            GROUP BY scored.record_id, known.person_id
            HAVING max(scored.probability) >= {float(threshold)!r}
            ORDER BY record_id, match_probability DESC, known.person_id
            """
        ).to_arrow_table()
    return LinkageResult(matches=_as_match_table(matches), records=table.num_rows, candidate_pairs=candidate_pairs)


def _trained_linker(inputs, link_type, pairs: "PairCounter", all_pairs: float, progress: Progress) -> Linker:
    # At least one pair is expected to match: with none, every candidate would score zero, however close.
    expected_matches = max(pairs.sharing("dob", "given", "surname") / EXACT_RULE_RECALL, 1.0)
    prior = min(expected_matches / max(all_pairs, 1.0), 0.5)
    progress(f"Prior: about {math.ceil(expected_matches):,} matching pairs expected")
    enough_data = all_pairs >= U_ESTIMATE_MIN_PAIRS
    linker = Linker(
        inputs,
        model.settings(
            link_type=link_type,
            probability_two_random_records_match=prior,
            household_u=household_u(pairs, all_pairs) if enough_data else None,
            term_frequencies=enough_data,
        ),
        log_level=None,
    )
    if enough_data:
        linker.training.estimate_u_using_random_sampling(max_pairs=U_SAMPLE_PAIRS, seed=U_SAMPLE_SEED)
        progress("Estimated how often different people agree by chance")
    else:
        progress("Too few records to estimate how often different people agree by chance: using reference rates")
    return linker


class PairCounter:
    """Counts pairs of records that share values, by grouping (no pairs are formed): within one table, or
    between two."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, tables: tuple[str, ...]):
        self.connection = connection
        self.tables = tables

    def sharing(self, *columns: str) -> float:
        names = ", ".join(columns)
        present = " AND ".join(f"{column} IS NOT NULL" for column in columns)

        def groups(table: str) -> str:
            return f"SELECT {names}, count(*) AS n FROM {table} WHERE {present} GROUP BY {names}"

        if len(self.tables) == 1:
            sql = f"SELECT sum(n * (n - 1) / 2) FROM ({groups(self.tables[0])})"
        else:
            left, right = self.tables
            sql = f"SELECT sum(a.n * b.n) FROM ({groups(left)}) a JOIN ({groups(right)}) b USING ({names})"
        return float(_count(self.connection, sql))


def household_u(pairs: PairCounter, all_pairs: float) -> model.HouseholdU:
    """u of the place levels that involve the surname, counted on the data (see `marac.linkage.model`):
    "same address and surname" and "same postcode and surname" among all pairs, "same address" and "same
    postcode" among pairs with different surnames.

    Pairs that also share the given name are left out of the household counts: most of them are the same
    person, whom u must not count. Sharing a surname and a place is never rarer than if the two were
    unrelated, so that rate is the least u the household levels get (a count of zero in a small file is not
    a rate of zero)."""
    same_surname = pairs.sharing("surname")
    other_surname = max(all_pairs - same_surname, 0.0)
    address = pairs.sharing("address")
    address_surname = pairs.sharing("address", "surname")
    postcode = pairs.sharing("postcode")
    postcode_surname = pairs.sharing("postcode", "surname")
    household = address_surname - pairs.sharing("address", "surname", "given_group")
    neighbourhood = postcode_surname - pairs.sharing("postcode", "surname", "given_group")
    unrelated_surname = _rate(same_surname, all_pairs)
    return (
        max(_rate(household, all_pairs), _rate(address, all_pairs) * unrelated_surname),
        _rate(address - address_surname, other_surname),
        max(_rate(neighbourhood - household, all_pairs), _rate(postcode, all_pairs) * unrelated_surname),
        _rate((postcode - postcode_surname) - (address - address_surname), other_surname),
    )


def _rate(count: float, total: float) -> float:
    """count / total, kept away from 0 and 1 so that small files give finite weights."""
    return (max(count, 0.0) + 1.0) / (max(total, 0.0) + 2.0)


class _database:
    """A private in-memory DuckDB database, closed on exit; Splink's log quietened while it runs."""

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.connection = duckdb.connect(":memory:")
        self.splink_log = logging.getLogger("splink")
        self.previous_level = self.splink_log.level
        self.splink_log.setLevel(logging.ERROR)
        return self.connection

    def __exit__(self, *exc_info) -> None:
        self.splink_log.setLevel(self.previous_level)
        self.connection.close()


def _count(connection: duckdb.DuckDBPyConnection, sql: str) -> int:
    rows = connection.execute(sql).fetchall()
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def _as_match_table(matches: pa.Table) -> pa.Table:
    return matches.cast(MATCH_SCHEMA)
