"""An instrument as loaded from its file: items, scoring, bands on a scale, and an optional screen."""

from dataclasses import dataclass
from enum import StrEnum

from marac.risk.scales import SCALES, Scale


class Scoring(StrEnum):
    COUNT_YES = "count_yes"  # each "yes" scores one
    WEIGHTED_SUM = "weighted_sum"  # each "yes" scores its item's weight


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    help: str = ""
    weight: int = 1


@dataclass(frozen=True)
class Band:
    min: int
    max: int | None  # None: every score from `min` up
    level: str
    label: str = ""

    def contains(self, score: int) -> bool:
        return score >= self.min and (self.max is None or score <= self.max)


@dataclass(frozen=True)
class ScreenRule:
    """Screened in when at least `min_yes` of `items` are answered yes ("any of" is min_yes = 1)."""

    items: tuple[str, ...]
    min_yes: int = 1


@dataclass(frozen=True)
class Screen:
    level: str  # the level a positive screen raises the result to, at least
    rules: tuple[ScreenRule, ...]


@dataclass(frozen=True)
class Instrument:
    code: str
    version: str
    name: str
    scale_code: str
    scoring: Scoring
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    answer_options: tuple[str, ...] = ("yes", "no", "dont_know")
    screen: Screen | None = None
    description: str = ""
    provenance: str = ""  # where the items and figures come from, and whether they are verified

    @property
    def scale(self) -> Scale:
        return SCALES[self.scale_code]

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    def weight(self, item: Item) -> int:
        return item.weight if self.scoring is Scoring.WEIGHTED_SUM else 1

    @property
    def max_score(self) -> int:
        return sum(self.weight(item) for item in self.items)

    def band_for(self, score: int) -> Band:
        matching = [band for band in self.bands if band.contains(score)]
        if len(matching) != 1:
            raise ValueError(f"{self.code}@{self.version}: score {score} falls in {len(matching)} bands")
        return matching[0]
