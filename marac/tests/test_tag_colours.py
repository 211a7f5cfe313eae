"""Every status tag colour a page asks for exists in the compiled stylesheet (blue is the tag's own colour)."""

import re
from pathlib import Path

import marac

TAG_CLASS = re.compile(r"govuk-tag--([a-z-]+)")
SOURCE = Path(marac.__file__).parent


def test_every_tag_colour_used_is_compiled():
    compiled = set(TAG_CLASS.findall((SOURCE / "static" / "marac" / "marac.css").read_text()))
    used = {}
    for path in [*SOURCE.rglob("*.py"), *SOURCE.rglob("*.html")]:
        if "tests" in path.parts:
            continue
        for colour in TAG_CLASS.findall(path.read_text(encoding="utf-8")):
            used.setdefault(colour, path.relative_to(SOURCE))
    missing = {colour: str(path) for colour, path in used.items() if colour not in compiled | {"blue"}}
    assert used, "the pages use status tags"
    assert missing == {}
