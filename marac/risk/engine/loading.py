"""Reading an instrument file (JSON or YAML): structure checked against `schema.json`, then the rules that a
schema cannot express. A refused file names itself, the item and the problem, and changes nothing.

The problems are in the reader's language, except the schema's own descriptions of a structural fault, which
come from jsonschema in English."""

import itertools
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext
from jsonschema import Draft202012Validator

from marac.risk.engine.definition import Band, Instrument, Item, Scoring, Screen, ScreenRule
from marac.risk.scales import SCALES

SCHEMA_PATH = Path(__file__).with_name("schema.json")


class InstrumentFileError(ValueError):
    def __init__(self, filename: str, problems: list[str]):
        self.filename = filename
        self.problems = problems
        super().__init__("\n".join(f"{filename}: {problem}" for problem in problems))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def parse_instrument(text: str, *, filename: str) -> Instrument:
    """Parse and validate one instrument file's text; raise `InstrumentFileError` listing every problem."""
    data = _read(text, filename)
    structural = sorted(_validator().iter_errors(data), key=lambda error: list(error.absolute_path))
    if structural:
        raise InstrumentFileError(filename, [_describe(error, data) for error in structural])
    problems = _semantic_problems(data)
    if problems:
        raise InstrumentFileError(filename, problems)
    return _build(data)


def load_instrument_file(path: Path) -> Instrument:
    return parse_instrument(path.read_text(encoding="utf-8"), filename=path.name)


def _read(text: str, filename: str) -> Any:
    try:
        if filename.endswith((".yaml", ".yml")):
            # Aliases let a few bytes expand to gigabytes; an instrument file never needs them.
            if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=yaml.SafeLoader)):
                raise InstrumentFileError(
                    filename, [gettext("uses YAML aliases (*name), which instrument files may not")]
                )
            return yaml.safe_load(text)
        return json.loads(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        raise InstrumentFileError(filename, [gettext("cannot be read: %(error)s") % {"error": error}]) from None


def _describe(error, data: Any) -> str:
    """Name the item or band by its id or position rather than by a JSON path."""
    path = list(error.absolute_path)
    where = gettext("the file")
    if len(path) >= 2 and path[0] == "items" and isinstance(path[1], int):
        item = data["items"][path[1]]
        item_id = item.get("id") if isinstance(item, dict) else None
        where = _item(item_id) if item_id else gettext("item %(number)s") % {"number": path[1] + 1}
        path = path[2:]
    elif len(path) >= 2 and path[0] == "bands" and isinstance(path[1], int):
        where = gettext("band %(number)s") % {"number": path[1] + 1}
        path = path[2:]
    if path:
        where = gettext("%(where)s field %(field)r") % {
            "where": where,
            "field": ".".join(str(part) for part in path),
        }
    return f"{where}: {error.message}"


def _item(item_id: object) -> str:
    return gettext("item %(id)r") % {"id": item_id}


def _semantic_problems(data: dict) -> list[str]:
    problems: list[str] = []
    scale = SCALES[data["scale"]]
    scoring = Scoring(data["scoring"])
    items = data["items"]
    ids = [item["id"] for item in items]
    duplicates = sorted({item_id for item_id in ids if ids.count(item_id) > 1})
    problems += [
        gettext("%(item)s: the id is used more than once") % {"item": _item(item_id)} for item_id in duplicates
    ]
    for item in items:
        weight = item.get("weight")
        if weight is None:
            continue
        if weight < 0:
            problems.append(
                gettext("%(item)s: weight %(weight)s is negative; a 'yes' may never lower the score")
                % {"item": _item(item["id"]), "weight": weight}
            )
        elif scoring is Scoring.COUNT_YES and weight != 1:
            problems.append(
                gettext("%(item)s: weight %(weight)s is ignored when scoring is count_yes; remove it")
                % {"item": _item(item["id"]), "weight": weight}
            )
    if "yes" not in data.get("answer_options", ["yes"]):
        problems.append(gettext("answer_options must include 'yes', the answer that scores"))

    max_score = len(items) if scoring is Scoring.COUNT_YES else sum(max(item.get("weight", 1), 0) for item in items)
    problems += _band_problems(data["bands"], scale, max_score)

    screen = data.get("screen")
    if screen:
        if screen["level"] not in scale.values:
            problems.append(
                gettext("screen: level %(level)r is not on the %(scale)s scale")
                % {"level": screen["level"], "scale": scale.name}
            )
        for number, rule in enumerate(screen["rules"], start=1):
            unknown = [item_id for item_id in rule["items"] if item_id not in ids]
            if unknown:
                problems.append(
                    gettext("screen rule %(number)s: unknown item ids %(ids)s")
                    % {"number": number, "ids": ", ".join(map(repr, unknown))}
                )
            if rule.get("min_yes", 1) > len(rule["items"]):
                problems.append(
                    gettext("screen rule %(number)s: needs %(min_yes)s yes of only %(count)s items")
                    % {"number": number, "min_yes": rule["min_yes"], "count": len(rule["items"])}
                )
    return problems


def _band_problems(bands: list[dict], scale, max_score: int) -> list[str]:
    problems = []
    for number, band in enumerate(bands, start=1):
        if band["level"] not in scale.values:
            problems.append(
                gettext("band %(number)s: level %(level)r is not on the %(scale)s scale")
                % {"number": number, "level": band["level"], "scale": scale.name}
            )
        if band.get("max") is not None and band["max"] < band["min"]:
            problems.append(
                gettext("band %(number)s: max %(max)s is below min %(min)s")
                % {"number": number, "max": band["max"], "min": band["min"]}
            )
    if problems:
        return problems
    ordered = sorted(bands, key=lambda band: band["min"])
    expected_min = 0
    for band in ordered:
        label = {"band": gettext("band from %(min)s") % {"min": band["min"]}}
        if band["min"] > expected_min:
            problems.append(
                gettext("%(band)s: scores %(first)s to %(last)s fall in no band (a gap)")
                % {**label, "first": expected_min, "last": band["min"] - 1}
            )
        elif band["min"] < expected_min:
            problems.append(
                gettext("%(band)s: overlaps the band before it (scores from %(first)s to %(last)s)")
                % {**label, "first": band["min"], "last": expected_min - 1}
            )
        if band["min"] > max_score:
            problems.append(
                gettext("%(band)s: starts above the highest possible score, %(max_score)s")
                % {**label, "max_score": max_score}
            )
        if band.get("max") is None:
            if band is not ordered[-1]:
                problems.append(gettext("%(band)s: has no max, so it overlaps every band after it") % label)
            expected_min = None
            break
        expected_min = band["max"] + 1
    if expected_min is not None and expected_min <= max_score:
        problems.append(
            gettext("scores %(first)s to %(last)s fall in no band (a gap at the top)")
            % {"first": expected_min, "last": max_score}
        )
    ranks = [scale.rank(band["level"]) for band in ordered]
    if any(later < earlier for earlier, later in itertools.pairwise(ranks)):
        problems.append(
            gettext("bands: the level goes down as the score rises; more 'yes' answers must never lower it")
        )
    return problems


def _build(data: dict) -> Instrument:
    screen = data.get("screen")
    return Instrument(
        code=data["code"],
        version=str(data["version"]),
        name=data["name"],
        scale_code=data["scale"],
        scoring=Scoring(data["scoring"]),
        items=tuple(
            Item(id=item["id"], label=item["label"], help=item.get("help", ""), weight=item.get("weight", 1))
            for item in data["items"]
        ),
        bands=tuple(
            Band(min=band["min"], max=band.get("max"), level=band["level"], label=band.get("label", ""))
            for band in sorted(data["bands"], key=lambda band: band["min"])
        ),
        answer_options=tuple(data.get("answer_options", ("yes", "no", "dont_know"))),
        screen=Screen(
            level=screen["level"],
            rules=tuple(
                ScreenRule(items=tuple(rule["items"]), min_yes=rule.get("min_yes", 1)) for rule in screen["rules"]
            ),
        )
        if screen
        else None,
        description=data.get("description", ""),
        provenance=data.get("provenance", ""),
    )


def instrument_to_data(instrument: Instrument) -> dict:
    """The definition as stored with each loaded version, so old assessments re-render exactly."""
    data: dict[str, Any] = {
        "code": instrument.code,
        "version": instrument.version,
        "name": instrument.name,
        "scale": instrument.scale_code,
        "scoring": instrument.scoring.value,
        "answer_options": list(instrument.answer_options),
        "items": [
            {"id": item.id, "label": item.label, "help": item.help, "weight": item.weight} for item in instrument.items
        ],
        "bands": [{"min": b.min, "max": b.max, "level": b.level, "label": b.label} for b in instrument.bands],
        "description": instrument.description,
        "provenance": instrument.provenance,
    }
    if instrument.screen:
        data["screen"] = {
            "level": instrument.screen.level,
            "rules": [{"items": list(rule.items), "min_yes": rule.min_yes} for rule in instrument.screen.rules],
        }
    return data
