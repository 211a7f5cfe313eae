"""Small valid instrument definitions for tests, to be varied one field at a time."""

import copy
import json


def three_item_instrument(**overrides) -> dict:
    data = {
        "code": "test-three",
        "version": "1",
        "name": "Three questions",
        "scale": "three_level",
        "scoring": "weighted_sum",
        "items": [
            {"id": "strangled", "label": "Strangled?", "weight": 3},
            {"id": "threats", "label": "Threats to kill?", "weight": 2},
            {"id": "jealous", "label": "Jealous?", "weight": 1},
        ],
        "bands": [
            {"min": 0, "max": 1, "level": "standard"},
            {"min": 2, "max": 3, "level": "medium"},
            {"min": 4, "max": None, "level": "high"},
        ],
    }
    data.update(copy.deepcopy(overrides))
    return data


def as_text(data: dict) -> str:
    return json.dumps(data)
