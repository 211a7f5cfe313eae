"""Benchmark of record linkage: dedupe a synthetic extract, then measure time, precision and recall.

    python bench/bench_linkage.py [--records 1000000] [--threshold T] [--thresholds 0.3,0.5,…] [--seed 6]
                                  [--workdir DIR]

Generates the extract with bench/generate_people.py (not timed), then times what `manage.py link_records
--dedupe` does: read the CSV, find and score the pairs, write the matches at the threshold. Precision and recall
are pairwise against the generator's truth: a true pair is two records of one person; a found pair is one
written to the matches file. Also shown: precision and recall at other thresholds (the same run's scores), the
figures after grouping the found pairs (A–B and B–C imply A–C; the engine does not do this), how many true pairs
no blocking rule brings together, and recall by the kind of difference between a person's first record and a
duplicate.
"""

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from bench.generate_people import generate, write_extract
from marac.linkage import model
from marac.linkage.engine import DEFAULT_THRESHOLD, dedupe
from marac.linkage.extract import read_extract, write_matches
from marac.linkage.features import matching_table

REPORTED_THRESHOLDS = (0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


def _progress(started: float):
    def report(message: str) -> None:
        print(f"  {time.perf_counter() - started:7.1f}s  {message}", file=sys.stderr, flush=True)

    return report


def evaluate(matches_csv: Path, truth_csv: Path) -> dict:
    """Pairwise precision and recall of the matches file against the truth file."""
    connection = _with_truth(truth_csv)
    connection.execute(
        f"CREATE TABLE found AS SELECT record_id, matched_id FROM read_csv('{matches_csv}', all_varchar = true)"
    )
    true_pairs = _true_pairs(connection)
    found_pairs, correct = connection.sql(
        """
        SELECT count(*), count(*) FILTER (WHERE a.cluster_id = b.cluster_id)
        FROM found JOIN truth a ON a.record_id = found.record_id JOIN truth b ON b.record_id = found.matched_id
        """
    ).fetchall()[0]
    by_difference = connection.sql(
        """
        WITH first_records AS (SELECT record_id, cluster_id FROM truth WHERE differences IS NULL),
        duplicates AS (SELECT record_id, cluster_id, unnest(string_split(differences, ';')) AS difference
                       FROM truth WHERE differences IS NOT NULL),
        pairs AS (
            SELECT d.difference, f.record_id AS first_id, d.record_id AS duplicate_id
            FROM duplicates d JOIN first_records f USING (cluster_id)
        ),
        found_either_way AS (
            SELECT record_id AS a, matched_id AS b FROM found UNION ALL SELECT matched_id, record_id FROM found
        )
        SELECT difference, count(*) AS pairs, count(f.a) AS found
        FROM pairs LEFT JOIN found_either_way f ON f.a = pairs.first_id AND f.b = pairs.duplicate_id
        GROUP BY difference ORDER BY difference
        """
    ).fetchall()
    clustered_pairs, clustered_correct = _clustered(connection)
    connection.close()
    return {
        "clustered_precision": clustered_correct / clustered_pairs if clustered_pairs else 0.0,
        "clustered_recall": clustered_correct / true_pairs if true_pairs else 0.0,
        "true_pairs": int(true_pairs),
        "found_pairs": int(found_pairs),
        "correct_pairs": int(correct),
        "precision": correct / found_pairs if found_pairs else 0.0,
        "recall": correct / true_pairs if true_pairs else 0.0,
        "by_difference": by_difference,
    }


def by_threshold(matches: pa.Table, truth_csv: Path, thresholds: Sequence[float]) -> list[tuple[float, float, float]]:
    """(threshold, precision, recall) for each threshold, from one run's scored matches."""
    connection = _with_truth(truth_csv)
    connection.register("scored", matches)
    true_pairs = _true_pairs(connection)
    rows = []
    for threshold in thresholds:
        found, correct = connection.execute(
            """
            SELECT count(*), count(*) FILTER (WHERE a.cluster_id = b.cluster_id)
            FROM scored JOIN truth a ON a.record_id = scored.record_id JOIN truth b ON b.record_id = scored.matched_id
            WHERE match_probability >= ?
            """,
            [threshold],
        ).fetchall()[0]
        rows.append((threshold, correct / found if found else 0.0, correct / true_pairs if true_pairs else 0.0))
    connection.close()
    return rows


def unblocked_true_pairs(records: pa.Table, truth_csv: Path) -> tuple[int, int]:
    """How many true pairs no blocking rule of the model brings together, of how many."""
    connection = _with_truth(truth_csv)
    connection.register("records", matching_table(records.column("record_id").to_pylist(), records))
    rules = [
        rule if isinstance(rule, str) else rule.get_blocking_rule("duckdb").blocking_rule_sql
        for rule in model.BLOCKING_RULES
    ]
    blocked = " OR ".join(f"coalesce(({rule}), false)" for rule in rules)
    missed, total = connection.sql(
        f"""
        WITH people AS (
            SELECT records.*, truth.cluster_id FROM records JOIN truth ON truth.record_id = records.unique_id
        )
        SELECT count(*) FILTER (WHERE NOT ({blocked})), count(*)
        FROM people l JOIN people r ON l.cluster_id = r.cluster_id AND l.unique_id < r.unique_id
        """
    ).fetchall()[0]
    connection.close()
    return int(missed), int(total)


def _with_truth(truth_csv: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    connection.execute(f"CREATE TABLE truth AS SELECT * FROM read_csv('{truth_csv}', all_varchar = true)")
    return connection


def _true_pairs(connection: duckdb.DuckDBPyConnection) -> int:
    return connection.sql(
        "SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM (SELECT count(*) AS n FROM truth GROUP BY cluster_id)"
    ).fetchall()[0][0]


def _clustered(connection: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Pairs implied by joining found pairs into groups (if A-B and B-C were found, A-C is implied), and how
    many of them are true."""
    parent: dict[str, str] = {}

    def root(record: str) -> str:
        while parent.get(record, record) != record:
            parent[record] = parent.get(parent[record], parent[record])
            record = parent[record]
        return record

    for record_id, matched_id in connection.execute("SELECT record_id, matched_id FROM found").fetchall():
        parent.setdefault(record_id, record_id)
        parent.setdefault(matched_id, matched_id)
        a, b = root(record_id), root(matched_id)
        if a != b:
            parent[max(a, b)] = min(a, b)
    records = list(parent)
    grouped = pa.table({"record_id": records, "group_id": [root(record) for record in records]})
    connection.register("grouped", grouped)
    implied = connection.execute(
        "SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM (SELECT count(*) AS n FROM grouped GROUP BY group_id)"
    ).fetchall()[0][0]
    correct = connection.execute(
        "SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM ("
        "  SELECT count(*) AS n FROM grouped JOIN truth USING (record_id) GROUP BY group_id, cluster_id)"
    ).fetchall()[0][0]
    return int(implied), int(correct)


def _thresholds(text: str) -> tuple[float, ...]:
    return tuple(float(part) for part in text.split(",") if part.strip())


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="the operating point measured")
    parser.add_argument(
        "--thresholds",
        type=_thresholds,
        default=REPORTED_THRESHOLDS,
        help="also report precision and recall at these (comma-separated)",
    )
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--workdir", type=Path, help="keep the generated files here (default: a temporary folder)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="marac-bench-") as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        people_csv, truth_csv, matches_csv = workdir / "people.csv", workdir / "truth.csv", workdir / "matches.csv"

        print(f"Generating {args.records:,} synthetic records (seed {args.seed})…", file=sys.stderr, flush=True)
        started = time.perf_counter()
        write_extract(generate(args.records, seed=args.seed), people_csv, truth_csv)
        generated_in = time.perf_counter() - started

        print("Deduplicating (timed: read, link, write)…", file=sys.stderr, flush=True)
        started, cpu_started = time.perf_counter(), time.process_time()
        load_before = os.getloadavg()[0]
        progress = _progress(started)
        records = read_extract(people_csv, progress=progress)
        progress(f"Read {records.num_rows:,} records")
        # Scored down to the lowest threshold reported, so that one run gives every row of the threshold table;
        # the matches file holds the pairs at the operating threshold, as `link_records` would write them.
        result = dedupe(records, threshold=min(args.threshold, *args.thresholds), progress=progress)
        at_threshold = result.matches.filter(pc.greater_equal(result.matches["match_probability"], args.threshold))
        write_matches(matches_csv, at_threshold)
        wall_time = time.perf_counter() - started
        cpu_time = time.process_time() - cpu_started
        load = max(load_before, os.getloadavg()[0])

        figures = evaluate(matches_csv, truth_csv)
        thresholds = by_threshold(result.matches, truth_csv, sorted(args.thresholds))
        unblocked, true_pairs = unblocked_true_pairs(records, truth_csv)

    print()
    print(f"Records                 {args.records:>12,}")
    print(f"Generated in            {generated_in:>11.1f}s  (not timed below)")
    print(f"Wall time (dedupe)      {wall_time:>11.1f}s  (read CSV, block, train u, score, write CSV)")
    print(
        f"CPU time (all threads)  {cpu_time:>11.1f}s  "
        f"(load average {load:.1f} on {os.cpu_count()} cores: other work slows the wall time)"
    )
    print(f"Candidate pairs scored  {result.candidate_pairs:>12,}")
    print(f"True pairs not blocked  {unblocked:>12,}  ({unblocked / true_pairs:.1%}: never scored)")
    print(f"Threshold               {args.threshold:>12}")
    print(f"Pairs found             {figures['found_pairs']:>12,}")
    print(f"True pairs              {figures['true_pairs']:>12,}")
    print(f"Correct pairs           {figures['correct_pairs']:>12,}")
    print(f"Precision               {figures['precision']:>12.4f}")
    print(f"Recall                  {figures['recall']:>12.4f}")
    print(f"Grouped precision       {figures['clustered_precision']:>12.4f}  (pairs implied by grouping found pairs)")
    print(f"Grouped recall          {figures['clustered_recall']:>12.4f}")
    print()
    print("Precision and recall by threshold (same run):")
    for threshold, precision, recall in thresholds:
        print(f"  {threshold:<6}  precision {precision:.4f}  recall {recall:.4f}")
    print()
    print("Recall of first record ↔ duplicate pairs, by a difference the duplicate carries:")
    for difference, pairs, found in figures["by_difference"]:
        print(f"  {difference:<24}{found / pairs:>8.4f}  ({found:,} of {pairs:,})")


if __name__ == "__main__":
    main()
