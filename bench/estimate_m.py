"""Measure the model's m and reference u probabilities on a synthetic extract (`marac.linkage.model`).

    python bench/estimate_m.py [--records 200000] [--seed 6]

m is how often each comparison level occurs among records of the same person. The generator knows which
records are the same person, so m is counted directly over every true pair (Splink's
`estimate_m_from_label_column`) rather than estimated by expectation maximisation. The place levels "same address"
and "same postcode" are measured among true pairs with different surnames, as the model uses them.
The reference u (`U_PROBABILITIES`, used where a file is too small to
estimate u on) comes from random pairs, as on a large run. Prints the values in the form the model takes
them, and the share of true pairs the exact rule finds (`EXACT_RULE_RECALL`).
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
from marac.linkage.features import matching_table


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=6)
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
    pairs = engine.PairCounter(connection, ("extract",))
    all_pairs = table.num_rows * (table.num_rows - 1) / 2
    linker = Linker(
        db_api.register(table, table_name="extract"),
        model.settings(
            link_type="dedupe_only",
            probability_two_random_records_match=0.0001,
            household_u=engine.household_u(pairs, all_pairs),
            term_frequencies=False,
            fixed_m=False,
        ),
        log_level=None,
    )
    linker.training.estimate_m_from_label_column("cluster_id")
    linker.training.estimate_u_using_random_sampling(max_pairs=engine.U_SAMPLE_PAIRS, seed=engine.U_SAMPLE_SEED)
    trained = linker.misc.save_model_to_json()
    values = {
        kind: {
            comparison["output_column_name"]: [
                level.get(f"{kind}_probability") or 0.0
                for level in comparison["comparison_levels"]
                if not level.get("is_null_level")
            ]
            for comparison in trained["comparisons"]
        }
        for kind in ("m", "u")
    }
    values["m"]["place"][:4] = _household_m(connection)

    for kind in ("m", "u"):
        print(f"{kind.upper()}_PROBABILITIES = {{")
        for name, numbers in values[kind].items():
            print(f'    "{name}": ({", ".join(f"{number:.3g}" for number in numbers)}),')
        print("}")

    true_pairs, exact_pairs = connection.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {model.EXACT_PAIR_SQL}) FROM ({TRUE_PAIRS})"
    ).fetchall()[0]
    print(f"EXACT_RULE_RECALL = {exact_pairs / true_pairs:.3f}  ({exact_pairs:,} of {true_pairs:,} true pairs)")


TRUE_PAIRS = """
    SELECT l.dob AS dob_l, r.dob AS dob_r, l.given AS given_l, r.given AS given_r,
           l.surname AS surname_l, r.surname AS surname_r, l.address AS address_l, r.address AS address_r,
           l.postcode AS postcode_l, r.postcode AS postcode_r, l.surname_key AS surname_key_l,
           r.surname_key AS surname_key_r
    FROM extract l JOIN extract r ON l.cluster_id = r.cluster_id AND l.unique_id < r.unique_id
"""


def _household_m(connection: duckdb.DuckDBPyConnection) -> list[float]:
    """m of the place levels that involve the surname: the share of true pairs with the same surname and address
    (or postcode but not address), and among true pairs with different surnames, the share at the same address
    (or postcode but not address)."""
    same_surname, household, neighbour, other_surname, housemate, other_neighbour = connection.execute(
        f"""
        WITH pairs AS (
            SELECT coalesce({model.SAME_SURNAME}, false) AS same_surname,
                   coalesce(address_l = address_r, false) AS same_address,
                   coalesce(postcode_l = postcode_r, false) AS same_postcode
            FROM ({TRUE_PAIRS})
            WHERE NOT ((address_l IS NULL OR address_r IS NULL) AND (postcode_l IS NULL OR postcode_r IS NULL))
        )
        SELECT count(*) FILTER (WHERE same_surname),
               count(*) FILTER (WHERE same_surname AND same_address),
               count(*) FILTER (WHERE same_surname AND same_postcode AND NOT same_address),
               count(*) FILTER (WHERE NOT same_surname),
               count(*) FILTER (WHERE NOT same_surname AND same_address),
               count(*) FILTER (WHERE NOT same_surname AND same_postcode AND NOT same_address)
        FROM pairs
        """
    ).fetchall()[0]
    everyone = same_surname + other_surname
    return [
        household / everyone,
        housemate / other_surname,
        neighbour / everyone,
        other_neighbour / other_surname,
    ]


if __name__ == "__main__":
    main()
