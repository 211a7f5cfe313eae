"""Deduplicating an extract: known duplicates are found, different people are not linked."""

import itertools

import pytest

from bench.generate_people import generate
from marac.linkage.engine import dedupe
from marac.linkage.tests.helpers import DIFFERENT_PEOPLE, HAND_WRITTEN, SAME_PERSON, background_rows, records_table


@pytest.fixture(scope="module")
def found() -> dict[frozenset[str], float]:
    records = records_table(background_rows() + list(HAND_WRITTEN))
    result = dedupe(records, threshold=0.5)
    return {
        frozenset((record_id, matched_id)): probability
        for record_id, matched_id, probability in zip(
            *(result.matches.column(name).to_pylist() for name in ("record_id", "matched_id", "match_probability")),
            strict=True,
        )
    }


@pytest.mark.parametrize(("difference", "first", "second"), SAME_PERSON, ids=[case[0] for case in SAME_PERSON])
def test_the_same_person_written_differently_is_found(found, difference, first, second):
    assert found.get(frozenset((first[0], second[0])), 0) >= 0.9


@pytest.mark.parametrize(
    ("difference", "first", "second"), DIFFERENT_PEOPLE, ids=[case[0] for case in DIFFERENT_PEOPLE]
)
def test_different_people_are_not_linked(found, difference, first, second):
    assert frozenset((first[0], second[0])) not in found


def test_hand_written_records_are_linked_to_nothing_else(found):
    hand_written_ids = {row[0] for row in HAND_WRITTEN}
    expected = {frozenset((first[0], second[0])) for _, first, second in SAME_PERSON}
    linked = {pair for pair in found if pair & hand_written_ids}
    assert linked == expected


def test_each_pair_once_lower_id_first_best_first():
    records = records_table(background_rows(200, seed=7))
    matches = dedupe(records, threshold=0.5).matches.to_pylist()
    assert matches
    assert all(match["record_id"] < match["matched_id"] for match in matches)
    assert len({(match["record_id"], match["matched_id"]) for match in matches}) == len(matches)
    for earlier, later in itertools.pairwise(matches):
        if earlier["record_id"] == later["record_id"]:
            assert earlier["match_probability"] >= later["match_probability"]


def test_a_higher_threshold_keeps_a_subset():
    records = records_table(background_rows(200, seed=7))
    low = dedupe(records, threshold=0.5).matches.to_pylist()
    high = dedupe(records, threshold=0.99).matches.to_pylist()
    assert {(m["record_id"], m["matched_id"]) for m in high} <= {(m["record_id"], m["matched_id"]) for m in low}
    assert all(match["match_probability"] >= 0.99 for match in high)


def test_precision_and_recall_on_a_small_synthetic_extract():
    extract = generate(600, seed=11)
    records = records_table([row[:6] for row in extract.rows])
    cluster_of = {record_id: cluster for record_id, cluster, _ in extract.truth}
    sizes: dict[int, int] = {}
    for cluster in cluster_of.values():
        sizes[cluster] = sizes.get(cluster, 0) + 1
    true_pairs = sum(size * (size - 1) // 2 for size in sizes.values())

    found = dedupe(records, threshold=0.9).matches.to_pylist()
    correct = sum(cluster_of[match["record_id"]] == cluster_of[match["matched_id"]] for match in found)

    assert correct / len(found) >= 0.9
    assert correct / true_pairs >= 0.75
