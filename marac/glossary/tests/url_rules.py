"""Rows of the URL walk (marac/access/tests/test_url_walk.py) for the glossary: every member reads it; the coordinator
and the locality administrator edit it."""

from marac.rights.tests.url_rules import EVERY_PERSONA

EDITORS = frozenset({"coordinator", "admin"})

URL_RULES: dict = {
    "glossary:list": ("get", lambda w: {}, EVERY_PERSONA),
    "glossary:new": ("get", lambda w: {}, EDITORS),
    "glossary:edit": ("get", lambda w: {"key": "idva"}, EDITORS),
    "glossary:remove": ("get", lambda w: {"key": "idva"}, EDITORS),
    "glossary:restore": ("post", lambda w: {"key": "idva"}, EDITORS),
}
