"""The shipped 24-item checklist: one per yes; 14 or more is high (visible high risk), 10 to 13 medium."""

import pytest

from marac.risk.engine.definition import Scoring
from marac.risk.engine.scoring import score_answers
from marac.risk.tests.shipped import first_yes, score_yes, shipped

DASH = shipped("dash-style-24.json")


def test_shape():
    assert DASH.code == "dash-style-24"
    assert len(DASH.items) == 24
    assert DASH.scoring is Scoring.COUNT_YES
    assert DASH.scale_code == "three_level"
    assert DASH.answer_options == ("yes", "no", "dont_know")
    assert DASH.screen is None
    assert DASH.provenance


@pytest.mark.parametrize(
    ("yes_count", "level"),
    [(0, "standard"), (9, "standard"), (10, "medium"), (13, "medium"), (14, "high"), (24, "high")],
)
def test_band_edges(yes_count, level):
    result = first_yes(DASH, yes_count)
    assert result.score == yes_count
    assert result.level == level


def test_which_questions_does_not_matter_only_how_many():
    last_fourteen = score_yes(DASH, *DASH.item_ids[-14:])
    assert (last_fourteen.score, last_fourteen.level) == (14, "high")


def test_dont_know_and_unanswered_do_not_score():
    answers = {item_id: "dont_know" for item_id in DASH.item_ids[:20]}
    answers.update({item_id: "yes" for item_id in DASH.item_ids[20:]})
    result = score_answers(DASH, answers)
    assert (result.score, result.level) == (4, "standard")
    assert result.yes_items == DASH.item_ids[20:]


def test_on_the_five_level_scale():
    assert first_yes(DASH, 9).level_on(DASH, "five_level") == "low"
    assert first_yes(DASH, 13).level_on(DASH, "five_level") == "medium"
    assert first_yes(DASH, 14).level_on(DASH, "five_level") == "high"
