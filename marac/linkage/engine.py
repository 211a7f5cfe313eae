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
   is repeatable), the u of the levels about a shared home counted on the data (`household_u`, on files of
   any size), and the prior — the probability that two random records are the same person — counted
   directly: pairs with the same name and date of birth, divided by the share of true pairs that share them
   (`EXACT_RULE_RECALL`, measured on the synthetic extract).
5. Pairs at or above the threshold are returned. The default, 0.5, is "more likely the same person than not":
   on the synthetic benchmark (bench/README.md) it keeps precision and recall both above 0.95, from a few
   hundred records to a million; 0.9 loses about two points of recall for one of precision. The results go to
   a person to review, so a missed pair costs more than a pair dismissed.

Why m is fixed rather than estimated by expectation maximisation on each run: EM needs many true pairs to be
stable, which a small extract or a locality of a few hundred people does not have (it drifts, and the same
record would score differently from one run to the next); on a million rows it costs a third of the time
budget for values that hardly change. m describes how agencies make mistakes (typing, nicknames, swapped
fields), not who is in the file, so one careful estimate serves every run. `bench/estimate_m.py` measures it
again over the true pairs of a synthetic extract.

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
from marac.linkage.features import MATCHING_SCHEMA, matching_table

U_SAMPLE_PAIRS = 2_000_000
U_SAMPLE_SEED = 6
# Below this many possible pairs, chance agreement cannot be measured on the data (a level that random pairs
# reach once in a million is never seen); the reference u of `marac.linkage.model` is used instead (except for the
# household rates, see `household_u`), and names are not weighted by how common they are in the file.
U_ESTIMATE_MIN_PAIRS = 1_000_000
# Share of true pairs with the same given name, surname and date of birth on the synthetic extract.
EXACT_RULE_RECALL = 0.307
# The lowest match probability returned unless the caller says otherwise (see step 5 above).
DEFAULT_THRESHOLD = 0.5
# How many pairs' worth of weight a reference rate (`model.U_PROBABILITIES`) carries where a rate is counted on the
# data (`household_u`): a small file's counts move it a little, a large file's replace it.
REFERENCE_PAIRS = 1_000

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
            household_u=household_u(pairs, all_pairs),
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

    def _joined(self, *columns: str) -> str:
        """SQL: the pairs of records with the same values of `columns`, with the matching columns as `<name>_l`
        and `<name>_r` (as Splink names them)."""
        left, right = (self.tables[0], self.tables[0]) if len(self.tables) == 1 else self.tables
        select = ", ".join(f"l.{column} AS {column}_l, r.{column} AS {column}_r" for column in MATCHING_SCHEMA.names)
        same = " AND ".join(f"l.{column} = r.{column}" for column in columns)
        ordered = " AND l.unique_id < r.unique_id" if len(self.tables) == 1 else ""
        return f"SELECT {select} FROM {left} l JOIN {right} r ON {same}{ordered}"

    def twins(self) -> float:
        """Pairs with the same surname, date of birth and home (`model.SAME_BIRTH_AND_HOME`) whose given names have
        nothing in common: twins, as far as the data can tell. Formed by joining on the date of birth and the
        postcode or address, which few pairs share."""
        joined = f"{self._joined('dob_key', 'postcode')} UNION {self._joined('dob_key', 'address')}"
        sql = f"SELECT count(*) FROM ({joined}) WHERE {model.SAME_BIRTH_AND_HOME} AND {model.UNLIKE_GIVEN_NAMES}"
        return float(_count(self.connection, sql))

    def relatives_given_names(self) -> tuple[float, float, float, float]:
        """Pairs of one household (same address and surname) whose dates of birth say they are different people
        (`model.DOB_DIFFERENT`): how many have the same given name, a nickname or variant, a given name alike (see
        `model.HOUSEHOLD_LEVELS`), and how many there are."""
        sql = f"""
            SELECT count(*) FILTER (WHERE level = 1), count(*) FILTER (WHERE level = 2),
                   count(*) FILTER (WHERE level = 3), count(*)
            FROM (
                SELECT CASE WHEN {model.SAME_GIVEN} THEN 1 WHEN {model.GIVEN_VARIANT} THEN 2
                            WHEN {model.GIVEN_ALIKE} THEN 3 ELSE 0 END AS level
                FROM ({self._joined("address")})
                WHERE given_l IS NOT NULL AND given_r IS NOT NULL AND {model.SAME_SURNAME} AND {model.DOB_DIFFERENT}
            )
        """
        same, variant, alike, pairs = self.connection.execute(sql).fetchall()[0]
        return float(same), float(variant), float(alike), float(pairs)


def household_u(pairs: PairCounter, all_pairs: float) -> model.HouseholdU:
    """u of the levels about a shared home, counted on the data (see `marac.linkage.model`).

    Place: "same surname, date of birth and home" (twins), "same address and surname" and "same postcode and
    surname" among all pairs, "same address" and "same postcode" among pairs with different surnames. Pairs that
    also share the given name are left out of the household counts: most of them are the same person, whom u
    must not count. Sharing a surname and a place is never rarer than if the two were unrelated, so that rate is
    the least u the household levels get.

    Given name, at home: how often two people of one household whose dates of birth tell them apart share a
    given name, a nickname or variant, or a given name alike.

    These are counted on files of any size: how many people share a street or a postcode depends on the file (a
    small town's extract, a county's), and a reference measured on another file would be far off."""
    reference = {name: model.U_PROBABILITIES[name] for name in ("given", "surname", "place")}
    same_surname = pairs.sharing("surname")
    other_surname = max(all_pairs - same_surname, 0.0)
    address = pairs.sharing("address")
    address_surname = pairs.sharing("address", "surname")
    postcode = pairs.sharing("postcode")
    postcode_surname = pairs.sharing("postcode", "surname")
    household = address_surname - pairs.sharing("address", "surname", "given_group")
    neighbourhood = postcode_surname - pairs.sharing("postcode", "surname", "given_group")
    unrelated_surname = _rate(same_surname, all_pairs, reference["surname"]["exact"])
    place = reference["place"]
    counted_place = (
        _rate(pairs.twins(), all_pairs, place["same surname, date of birth and home"]),
        max(
            _rate(household, all_pairs, place["same address and surname"]),
            _rate(address, all_pairs, place["same address"]) * unrelated_surname,
        ),
        _rate(address - address_surname, other_surname, place["same address"]),
        max(
            _rate(neighbourhood - household, all_pairs, place["same postcode and surname"]),
            _rate(postcode, all_pairs, place["same postcode"]) * unrelated_surname,
        ),
        _rate((postcode - postcode_surname) - (address - address_surname), other_surname, place["same postcode"]),
    )
    *given_counts, relatives = pairs.relatives_given_names()
    counted_given = tuple(
        _rate(count, relatives, reference["given"][label])
        for count, label in zip(given_counts, model.HOUSEHOLD_LEVELS["given"], strict=True)
    )
    return model.HouseholdU(
        by_comparison={
            name: dict(zip(model.HOUSEHOLD_LEVELS[name], values, strict=True))
            for name, values in (("place", counted_place), ("given", counted_given))
        }
    )


def _rate(count: float, total: float, reference: float) -> float:
    """count / total, drawn towards the `reference` rate when there are few pairs (`REFERENCE_PAIRS`): a count of
    zero in a small file is not a rate of zero."""
    return (max(count, 0.0) + REFERENCE_PAIRS * reference) / (max(total, 0.0) + REFERENCE_PAIRS)


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
