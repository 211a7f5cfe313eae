"""The shipped police initial assessment on five levels: weights 1 to 3 and bands 0–1 not appreciated, 2–7 low,
8–15 medium, 16–24 high, 25 or more extreme, all illustrative."""

import pytest

from marac.risk.engine.definition import Scoring
from marac.risk.tests.shipped import score_yes, shipped

POLICE = shipped("police-five-level.json")
WEIGHTS = {item.id: item.weight for item in POLICE.items}

# Four questions of weight 3: 12 points.
MOST_SEVERE = ("strangulation", "threats_to_kill", "weapon_used_or_threatened", "order_breached")
# Five of weight 1: 5 points.
LIGHTEST = ("substance_misuse", "victim_isolated", "victim_dependent", "victim_vulnerable", "children_in_household")

BAND_EDGES = [
    ((), 0, "not_appreciated"),
    (("substance_misuse",), 1, "not_appreciated"),
    (("physical_violence",), 2, "low"),
    (("strangulation", "threats_to_kill", "victim_isolated"), 7, "low"),
    (("strangulation", "threats_to_kill", "physical_violence"), 8, "medium"),
    ((*MOST_SEVERE, "recent_separation", "substance_misuse"), 15, "medium"),
    ((*MOST_SEVERE, "recent_separation", "stalking"), 16, "high"),
    (
        (*MOST_SEVERE, "recent_separation", "stalking", "sexual_violence", "violence_escalating", *LIGHTEST[1:]),
        24,
        "high",
    ),
    (
        (*MOST_SEVERE, "recent_separation", "stalking", "sexual_violence", "violence_escalating", *LIGHTEST),
        25,
        "extreme",
    ),
]


def test_shape():
    assert POLICE.code == "police-five-level"
    assert len(POLICE.items) == 20
    assert POLICE.scoring is Scoring.WEIGHTED_SUM
    assert POLICE.scale_code == "five_level"
    assert set(WEIGHTS.values()) == {1, 2, 3}
    assert POLICE.max_score == 39
    assert [band.level for band in POLICE.bands] == ["not_appreciated", "low", "medium", "high", "extreme"]


def test_provenance_says_the_figures_are_illustrative_and_must_be_set_locally():
    provenance = POLICE.provenance
    assert "illustrative" in provenance
    assert "not those of any national system" in provenance
    assert "not public" in provenance
    assert "must set its own" in provenance


@pytest.mark.parametrize(("yes_items", "score", "level"), BAND_EDGES)
def test_band_edges(yes_items, score, level):
    assert sum(WEIGHTS[item_id] for item_id in yes_items) == score  # the hand count agrees with the file
    result = score_yes(POLICE, *yes_items)
    assert (result.score, result.level) == (score, level)


def test_every_yes_is_extreme():
    assert score_yes(POLICE, *POLICE.item_ids).level == "extreme"


# By hand: the two lowest levels read as standard, extreme as high.
ON_THREE_LEVELS = {
    "not_appreciated": "standard",
    "low": "standard",
    "medium": "medium",
    "high": "high",
    "extreme": "high",
}


@pytest.mark.parametrize(("yes_items", "score", "level"), BAND_EDGES)
def test_on_the_three_level_scale(yes_items, score, level):
    assert score_yes(POLICE, *yes_items).level_on(POLICE, "three_level") == ON_THREE_LEVELS[level]
