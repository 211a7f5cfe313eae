"""The interim risk checklist attached to a referral: a count of 'yes' answers against the locality's threshold.

The full instrument engine (versioned files, weights, bands, screen rules) replaces this module's loading;
the shape of an assessment (instrument code and version, answers with notes, score) already matches it.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from marac.agencies.models import Locality
from marac.risk.models import Answer, RiskLevel

INSTRUMENT_DIR = Path(__file__).parent / "instruments"
DEFAULT_CHECKLIST = "dash-style-24"


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    label: str


@dataclass(frozen=True)
class Checklist:
    code: str
    version: str
    name: str
    items: tuple[ChecklistItem, ...]


@cache
def load_checklist(code: str = DEFAULT_CHECKLIST) -> Checklist:
    data = json.loads((INSTRUMENT_DIR / f"{code}.json").read_text(encoding="utf-8"))
    items = tuple(ChecklistItem(id=item["id"], label=item["label"]) for item in data["items"])
    return Checklist(code=data["code"], version=data["version"], name=data["name"], items=items)


def count_yes(answers: dict[str, dict]) -> int:
    return sum(1 for entry in answers.values() if entry.get("answer") == Answer.YES)


def level_for_score(*, score: int, locality: Locality) -> str:
    if score >= locality.high_risk_threshold:
        return RiskLevel.HIGH
    if score >= locality.medium_risk_threshold:
        return RiskLevel.MEDIUM
    return RiskLevel.STANDARD
