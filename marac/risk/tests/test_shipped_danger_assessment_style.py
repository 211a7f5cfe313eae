"""The shipped 20-item danger assessment: every weight 1 by default, bands below 8 low (variable danger), 8 to 13
medium (increased), 14 to 17 high (severe), 18 or more extreme, on the five-level scale."""

import dataclasses

import pytest

from marac.risk.engine.definition import Scoring
from marac.risk.engine.scoring import score_answers
from marac.risk.tests.shipped import first_yes, score_yes, shipped

DA = shipped("danger-assessment-style-20.json")


def test_shape():
    assert DA.code == "danger-assessment-style-20"
    assert len(DA.items) == 20
    assert DA.scoring is Scoring.WEIGHTED_SUM
    assert DA.scale_code == "five_level"
    assert {"yes", "no"} <= set(DA.answer_options)
    assert DA.screen is None


def test_every_weight_is_one_by_default():
    assert {item.weight for item in DA.items} == {1}
    assert DA.max_score == 20


def test_provenance_says_weights_and_bands_are_unverified():
    provenance = DA.provenance.lower()
    assert "weights are not verified" in provenance
    assert "certification" in provenance
    assert "bands" in provenance and "commonly cited but not verified" in provenance


@pytest.mark.parametrize(
    ("yes_count", "level", "band_label"),
    [
        (0, "low", "Variable danger"),
        (7, "low", "Variable danger"),
        (8, "medium", "Increased danger"),
        (13, "medium", "Increased danger"),
        (14, "high", "Severe danger"),
        (17, "high", "Severe danger"),
        (18, "extreme", "Extreme danger"),
        (20, "extreme", "Extreme danger"),
    ],
)
def test_band_edges(yes_count, level, band_label):
    result = first_yes(DA, yes_count)
    assert result.score == yes_count
    assert result.level == level
    assert result.band.label == band_label


@pytest.mark.parametrize(
    ("yes_count", "three_level"),
    [(7, "standard"), (8, "medium"), (13, "medium"), (14, "high"), (18, "high")],
)
def test_on_the_three_level_scale(yes_count, three_level):
    assert first_yes(DA, yes_count).level_on(DA, "three_level") == three_level


def test_no_answer_is_not_appreciated_but_low():
    # The cited bands start at "variable danger": the instrument never reports that risk was not appreciated.
    assert score_answers(DA, {}).level == "low"


def test_a_locality_may_weight_the_questions():
    tried_to_kill = DA.item_ids.index("tried_to_kill")
    weighted = dataclasses.replace(
        DA,
        items=tuple(
            dataclasses.replace(item, weight=5) if number == tried_to_kill else item
            for number, item in enumerate(DA.items)
        ),
    )
    result = score_yes(weighted, "tried_to_kill", "threatened_to_kill", "choked")
    assert result.score == 7
    assert score_yes(weighted, "tried_to_kill", "threatened_to_kill", "choked", "owns_gun").level == "medium"
