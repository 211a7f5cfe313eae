"""Risk scales: the ordered levels a locality grades risk on.

A locality uses one scale. An instrument grades on its own scale, and its result is expressed on the locality's
by the conversions below, so any instrument can serve any locality.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Scale:
    code: str
    name: str | Promise
    # (value, label), lowest first. Labels are translated when shown; "risk level" is their context because the
    # Spanish adjective agrees with "nivel" and "riesgo", where the same English word elsewhere may not.
    levels: tuple[tuple[str, str | Promise], ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _label in self.levels)

    def rank(self, level: str) -> int:
        try:
            return self.values.index(level)
        except ValueError:
            raise ValueError(f"{level!r} is not a level of the {self.name} scale") from None

    def label(self, level: str) -> str | Promise:
        return dict(self.levels).get(level, level)

    def highest(self, *levels: str) -> str:
        """The highest of the given levels; empty values are ignored."""
        return max((level for level in levels if level), key=self.rank)


THREE_LEVEL = Scale(
    code="three_level",
    name=_("Standard, medium, high"),
    levels=(
        ("standard", pgettext_lazy("risk level", "Standard")),
        ("medium", pgettext_lazy("risk level", "Medium")),
        ("high", pgettext_lazy("risk level", "High")),
    ),
)
FIVE_LEVEL = Scale(
    code="five_level",
    name=_("Five levels (not appreciated to extreme)"),
    levels=(
        ("not_appreciated", pgettext_lazy("risk level", "Not appreciated")),
        ("low", pgettext_lazy("risk level", "Low")),
        ("medium", pgettext_lazy("risk level", "Medium")),
        ("high", pgettext_lazy("risk level", "High")),
        ("extreme", pgettext_lazy("risk level", "Extreme")),
    ),
)
SCALES: dict[str, Scale] = {scale.code: scale for scale in (THREE_LEVEL, FIVE_LEVEL)}


class ScaleChoice(models.TextChoices):
    THREE_LEVEL = THREE_LEVEL.code, THREE_LEVEL.name
    FIVE_LEVEL = FIVE_LEVEL.code, FIVE_LEVEL.name


# How a level on one scale reads on another. Both directions keep order, so converting never inverts two results.
_CONVERSIONS: dict[tuple[str, str], dict[str, str]] = {
    (THREE_LEVEL.code, FIVE_LEVEL.code): {"standard": "low", "medium": "medium", "high": "high"},
    (FIVE_LEVEL.code, THREE_LEVEL.code): {
        "not_appreciated": "standard",
        "low": "standard",
        "medium": "medium",
        "high": "high",
        "extreme": "high",
    },
}


def convert(level: str, *, source: str, target: str) -> str:
    if source == target:
        SCALES[source].rank(level)
        return level
    return _CONVERSIONS[(source, target)][level]


def all_level_labels() -> dict[str, str | Promise]:
    """Every level value of every scale with its label, for display."""
    return {value: label for scale in SCALES.values() for value, label in scale.levels}
