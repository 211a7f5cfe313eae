"""Helpers for the tests of the shipped instruments: load a shipped file and answer its questions by position."""

from marac.risk.engine.definition import Instrument
from marac.risk.engine.loading import load_instrument_file
from marac.risk.engine.scoring import Result, score_answers
from marac.risk.registry import SHIPPED_DIR


def shipped(filename: str) -> Instrument:
    return load_instrument_file(SHIPPED_DIR / filename)


def score_yes(instrument: Instrument, *item_ids: str) -> Result:
    """Score with the given items answered yes and every other item answered no."""
    unknown = set(item_ids) - set(instrument.item_ids)
    assert not unknown, f"not items of {instrument.code}: {unknown}"
    return score_answers(instrument, {item.id: "yes" if item.id in item_ids else "no" for item in instrument.items})


def first_yes(instrument: Instrument, count: int) -> Result:
    """Score with the first `count` items answered yes."""
    return score_yes(instrument, *instrument.item_ids[:count])
