"""A faulty instrument file is refused with a message naming the file, the item and the problem."""

import pytest

from marac.risk.engine.loading import InstrumentFileError, parse_instrument
from marac.risk.registry import shipped_instrument_files
from marac.risk.tests.instrument_data import as_text, three_item_instrument


def problems_of(data: dict, filename: str = "local.json") -> str:
    with pytest.raises(InstrumentFileError) as raised:
        parse_instrument(as_text(data), filename=filename)
    return str(raised.value)


def test_a_valid_file_loads():
    instrument = parse_instrument(as_text(three_item_instrument()), filename="local.json")
    assert instrument.max_score == 6
    assert [band.level for band in instrument.bands] == ["standard", "medium", "high"]


def test_every_shipped_file_is_valid():
    assert shipped_instrument_files()
    for path in shipped_instrument_files():
        parse_instrument(path.read_text(encoding="utf-8"), filename=path.name)


def test_missing_version():
    data = three_item_instrument()
    del data["version"]
    assert "local.json: the file: 'version' is a required property" in problems_of(data)


def test_negative_weight_names_the_item():
    data = three_item_instrument()
    data["items"][1]["weight"] = -2
    assert "local.json: item 'threats': weight -2 is negative" in problems_of(data)


def test_unknown_item_in_a_screen_rule():
    data = three_item_instrument(screen={"level": "high", "rules": [{"items": ["strangled", "choked"]}]})
    assert "screen rule 1: unknown item ids 'choked'" in problems_of(data)


def test_overlapping_bands():
    data = three_item_instrument()
    data["bands"][1]["min"] = 1
    assert "overlaps the band before it" in problems_of(data)


def test_gapped_bands():
    data = three_item_instrument()
    data["bands"][1]["min"] = 3
    assert "scores 2 to 2 fall in no band (a gap)" in problems_of(data)


def test_gap_at_the_top():
    data = three_item_instrument()
    data["bands"][2]["max"] = 5
    assert "scores 6 to 6 fall in no band (a gap at the top)" in problems_of(data)


def test_levels_must_not_fall_as_the_score_rises():
    data = three_item_instrument()
    data["bands"][2]["level"] = "standard"
    assert "the level goes down as the score rises" in problems_of(data)


def test_a_level_not_on_the_scale():
    data = three_item_instrument()
    data["bands"][2]["level"] = "extreme"
    assert "band 3: level 'extreme' is not on the Standard, medium, high scale" in problems_of(data)


def test_duplicate_item_ids():
    data = three_item_instrument()
    data["items"][2]["id"] = "threats"
    assert "item 'threats': the id is used more than once" in problems_of(data)


def test_unreadable_file():
    with pytest.raises(InstrumentFileError, match=r"broken.json: cannot be read"):
        parse_instrument("{not json", filename="broken.json")


def test_yaml_is_read_too():
    text = (
        "code: yaml-one\nversion: '2'\nname: One question\nscale: three_level\nscoring: count_yes\n"
        "items:\n  - id: q\n    label: Asked?\nbands:\n  - {min: 0, max: 0, level: standard}\n"
        "  - {min: 1, max: null, level: high}\n"
    )
    instrument = parse_instrument(text, filename="local.yaml")
    assert (instrument.code, instrument.version, instrument.max_score) == ("yaml-one", "2", 1)


def test_every_problem_is_reported_at_once():
    data = three_item_instrument()
    data["items"][0]["weight"] = -1
    data["bands"][1]["min"] = 3
    message = problems_of(data)
    assert "item 'strangled'" in message and "a gap" in message


def test_yaml_aliases_are_refused():
    text = "code: &c bomb\nversion: '1'\nname: *c\nscale: three_level\nscoring: count_yes\nitems: []\nbands: []\n"
    with pytest.raises(InstrumentFileError, match="aliases"):
        parse_instrument(text, filename="bomb.yaml")
