"""The shipped 11-question lethality screen: screened in (high) on a yes to any of the first three questions, or on
four or more yes among the other eight; otherwise standard, whatever the count."""

import itertools

import pytest

from marac.risk.engine.definition import Scoring
from marac.risk.tests.shipped import score_yes, shipped

SCREEN = shipped("lethality-screen-11.json")
FIRST_THREE = SCREEN.item_ids[:3]
OTHER_EIGHT = SCREEN.item_ids[3:]


def test_shape():
    assert SCREEN.code == "lethality-screen-11"
    assert len(SCREEN.items) == 11
    assert SCREEN.scoring is Scoring.COUNT_YES
    assert SCREEN.scale_code == "three_level"
    assert FIRST_THREE == ("weapon_used_or_threatened", "threatened_to_kill", "believes_will_try_to_kill")
    assert [band.level for band in SCREEN.bands] == ["standard"]
    assert SCREEN.screen.level == "high"


def test_nothing_answered_yes_is_standard():
    result = score_yes(SCREEN)
    assert (result.level, result.screened_in) == ("standard", False)


@pytest.mark.parametrize("item_id", FIRST_THREE)
def test_any_one_of_the_first_three_screens_in(item_id):
    result = score_yes(SCREEN, item_id)
    assert result.score == 1
    assert (result.level, result.screened_in) == ("high", True)


@pytest.mark.parametrize("three", list(itertools.combinations(OTHER_EIGHT, 3)))
def test_three_of_the_other_eight_do_not(three):
    result = score_yes(SCREEN, *three)
    assert (result.level, result.screened_in) == ("standard", False)


@pytest.mark.parametrize("four", list(itertools.combinations(OTHER_EIGHT, 4))[::7])
def test_four_of_the_other_eight_screen_in(four):
    result = score_yes(SCREEN, *four)
    assert (result.level, result.screened_in) == ("high", True)


def test_all_of_the_other_eight_screen_in():
    assert score_yes(SCREEN, *OTHER_EIGHT).level == "high"


def test_on_the_five_level_scale():
    assert score_yes(SCREEN, "threatened_to_kill").level_on(SCREEN, "five_level") == "high"
    assert score_yes(SCREEN, *OTHER_EIGHT[:3]).level_on(SCREEN, "five_level") == "low"
