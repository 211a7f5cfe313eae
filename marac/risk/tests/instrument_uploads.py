"""A locality's own version of a shipped instrument, as a file to upload, for the loading tests."""

import json

import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from marac.risk.registry import SHIPPED_DIR


def local_dash(*, version: str = "2-local", wording: str = "Local wording") -> dict:
    """The shipped 24-item checklist with every question reworded, as a locality's licensed version would be."""
    data = json.loads((SHIPPED_DIR / "dash-style-24.json").read_text(encoding="utf-8"))
    data["version"] = version
    data["name"] = "Domestic abuse risk checklist (licensed wording)"
    for number, item in enumerate(data["items"], start=1):
        item["label"] = f"{wording}, question {number}?"
    return data


def json_upload(data: dict, filename: str = "local-dash.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(filename, json.dumps(data).encode("utf-8"), content_type="application/json")


def yaml_upload(data: dict, filename: str = "local-dash.yaml") -> SimpleUploadedFile:
    return SimpleUploadedFile(filename, yaml.safe_dump(data).encode("utf-8"), content_type="application/yaml")
