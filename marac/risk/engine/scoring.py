"""Scoring a set of answers with an instrument."""

from collections.abc import Mapping
from dataclasses import dataclass

from marac.risk.engine.definition import Band, Instrument
from marac.risk.scales import convert

YES = "yes"


@dataclass(frozen=True)
class Result:
    score: int
    band: Band
    level: str  # on the instrument's own scale
    screened_in: bool
    yes_items: tuple[str, ...]

    def level_on(self, instrument: Instrument, scale_code: str) -> str:
        return convert(self.level, source=instrument.scale_code, target=scale_code)


def score_answers(instrument: Instrument, answers: Mapping[str, str]) -> Result:
    """`answers` maps item id to "yes", "no" or "dont_know"; only "yes" scores, and unanswered counts as no."""
    yes_items = tuple(item.id for item in instrument.items if answers.get(item.id) == YES)
    yes = set(yes_items)
    score = sum(instrument.weight(item) for item in instrument.items if item.id in yes)
    band = instrument.band_for(score)
    screened_in = bool(instrument.screen) and any(
        sum(1 for item_id in rule.items if item_id in yes) >= rule.min_yes for rule in instrument.screen.rules
    )
    level = instrument.scale.highest(band.level, instrument.screen.level) if screened_in else band.level
    return Result(score=score, band=band, level=level, screened_in=screened_in, yes_items=yes_items)
