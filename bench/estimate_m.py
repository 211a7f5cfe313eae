"""Measure the model's m and reference u probabilities on a synthetic extract (`marac.linkage.model`).

    python bench/estimate_m.py [--records 200000] [--seed 1]

m is how often each comparison level occurs among records of the same person. The generator knows which
records are the same person, so m is counted directly over every true pair (Splink's
`estimate_m_from_label_column`) rather than estimated by expectation maximisation. The levels that count two
comparisons at once (`model.JOINT_LEVELS`) are counted directly; every other level as if they were not there, as
the model multiplies it with the other comparisons. The place levels "same address" and "same postcode" are
measured among true pairs with different surnames, and the given name levels "at home" among true pairs of one
household, as the model uses them.

The reference u (`U_PROBABILITIES`, used where a file is too small to estimate u on) comes from random pairs,
as on a large run, and for the levels about a shared home from the same counts a run makes
(`engine.household_u`). Prints the values in the form the model takes them, and the share of true pairs the
exact rule finds (`EXACT_RULE_RECALL`).

The default seed is not the benchmark's (6): the benchmark then grades the model on people it was not measured on.
"""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker

from bench.generate_people import generate
from marac.linkage import engine, model
from marac.linkage.extract import RECORD_SCHEMA, parse_date_of_birth
from marac.linkage.features import MATCHING_SCHEMA, matching_table

# Levels the generator's true pairs never reach get a small m rather than the measured zero, which would rule such
# pairs out entirely: dates more than five years apart, and moves within a postcode sector or district (the
# generator moves people anywhere; people in life often move nearby).
M_FLOORS = {
    ("dob", "more than five years apart"): 0.001,
    ("place", "same sector"): 0.005,
    ("place", "same district"): 0.005,
}
TRUE_PAIRS = f"""
    SELECT {", ".join(f"l.{column} AS {column}_l, r.{column} AS {column}_r" for column in MATCHING_SCHEMA.names)}
    FROM extract l JOIN extract r ON l.cluster_id = r.cluster_id AND l.unique_id < r.unique_id
"""


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    extract = generate(args.records, seed=args.seed)
    columns = list(zip(*extract.rows, strict=True))
    records = pa.table(
        {
            "record_id": columns[0],
            "given_name": columns[1],
            "surname": columns[2],
            "date_of_birth": [parse_date_of_birth(text) for text in columns[3]],
            "address": [text or None for text in columns[4]],
            "postcode": [text or None for text in columns[5]],
        },
        schema=RECORD_SCHEMA,
    )
    table = matching_table(list(columns[0]), records).append_column(
        "cluster_id", pa.array([cluster for _, cluster, _ in extract.truth], type=pa.int64())
    )

    connection = duckdb.connect()
    db_api = DuckDBAPI(connection)
    extract_frame = db_api.register(table, table_name="extract")
    pairs = engine.PairCounter(connection, ("extract",))
    all_pairs = table.num_rows * (table.num_rows - 1) / 2
    household_u = engine.household_u(pairs, all_pairs)
    linker = Linker(
        extract_frame,
        model.settings(
            link_type="dedupe_only",
            probability_two_random_records_match=0.0001,
            household_u=household_u,
            term_frequencies=False,
            fixed_m=False,
            joint_levels=False,
        ),
        log_level=None,
    )
    linker.training.estimate_m_from_label_column("cluster_id")
    linker.training.estimate_u_using_random_sampling(max_pairs=engine.U_SAMPLE_PAIRS, seed=engine.U_SAMPLE_SEED)
    measured = {
        kind: {
            comparison["output_column_name"]: {
                level["label_for_charts"]: level.get(f"{kind}_probability") or 0.0
                for level in comparison["comparison_levels"]
                if not level.get("is_null_level")
            }
            for comparison in linker.misc.save_model_to_json()["comparisons"]
        }
        for kind in ("m", "u")
    }
    measured["m"]["given"].update(_given_m(connection))
    measured["m"]["place"].update(_place_m(connection))
    measured["u"]["given"]["given name and surname exact"] = pairs.sharing("given", "surname") / all_pairs
    for name, counted in household_u.by_comparison.items():
        measured["u"][name].update(counted)
    for (name, label), least in M_FLOORS.items():
        measured["m"][name][label] = max(measured["m"][name][label], least)

    levels = model.comparison_levels(term_frequencies=False)
    for kind in ("m", "u"):
        print(f"{kind.upper()}_PROBABILITIES: dict[str, dict[str, float]] = {{")
        for name, comparison in levels.items():
            print(f'    "{name}": {{')
            for label in model.level_labels(comparison):
                print(f'        "{label}": {measured[kind][name][label]:.3g},')
            print("    },")
        print("}")

    true_pairs, exact_pairs = connection.execute(
        "SELECT count(*), count(*) FILTER (WHERE dob_l = dob_r AND given_l = given_r AND surname_l = surname_r)"
        f" FROM ({TRUE_PAIRS})"
    ).fetchall()[0]
    print(f"EXACT_RULE_RECALL = {exact_pairs / true_pairs:.3f}  ({exact_pairs:,} of {true_pairs:,} true pairs)")


def _shares(connection: duckdb.DuckDBPyConnection, levels: dict[str, str], where: str) -> dict[str, float]:
    """The share of the true pairs satisfying `where` at each of `levels` (label: SQL; the first that holds)."""
    cases = " ".join(f"WHEN {sql} THEN {number}" for number, sql in enumerate(levels.values()))
    counts = connection.execute(
        f"""
        SELECT {", ".join(f"count(*) FILTER (WHERE level = {number})" for number in range(len(levels)))}, count(*)
        FROM (SELECT CASE {cases} ELSE -1 END AS level FROM ({TRUE_PAIRS}) WHERE {where})
        """
    ).fetchall()[0]
    *at_level, total = counts
    return {label: count / total for label, count in zip(levels, at_level, strict=True)}


def _given_m(connection: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """m of the given name levels that count two comparisons: "given name and surname exact" among the true pairs
    that do not share a home (the place comparison counts how often they do not), and the levels "at home" among
    the true pairs of one household."""
    named = "given_l IS NOT NULL AND given_r IS NOT NULL"
    same_name = _shares(
        connection,
        {"given name and surname exact": "given_l = given_r AND surname_l = surname_r"},
        f"{named} AND NOT {model.AT_HOME}",
    )
    at_home = _shares(
        connection,
        {
            "exact, at home": model.SAME_GIVEN,
            "nickname or variant, at home": model.GIVEN_VARIANT,
            "alike, at home": model.GIVEN_ALIKE,
        },
        f"{named} AND {model.HOUSEHOLD}",
    )
    return same_name | at_home


def _place_m(connection: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """m of the place levels that involve the surname: the share of true pairs with the same surname, date of
    birth and home, and the share with the same surname and address (or postcode but not address); among true
    pairs with different surnames, the share at the same address (or postcode but not address)."""
    comparable = "NOT ((address_l IS NULL OR address_r IS NULL) AND (postcode_l IS NULL OR postcode_r IS NULL))"
    twins = _shares(connection, {"same surname, date of birth and home": model.SAME_BIRTH_AND_HOME}, comparable)
    # Measured as if "same surname, date of birth and home" were not there (see the module docstring).
    household = _shares(
        connection,
        {
            "same address and surname": model.only_if(model.SAME_ADDRESS, model.SAME_SURNAME),
            "same postcode and surname": model.only_if(model.SAME_POSTCODE, model.SAME_SURNAME),
        },
        comparable,
    )
    other_surname = _shares(
        connection,
        {"same address": model.SAME_ADDRESS, "same postcode": model.SAME_POSTCODE},
        f"{comparable} AND NOT coalesce({model.SAME_SURNAME}, false)",
    )
    return twins | household | other_surname


if __name__ == "__main__":
    main()
