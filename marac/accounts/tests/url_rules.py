"""Rows of the URL walk (marac/access/tests/test_url_walk.py) for this app's pages.

The language page is each person's own setting: everyone signed in may open it.
"""

from conftest import PERSONAS

URL_RULES: dict = {
    "accounts:language": ("get", lambda w: {}, frozenset(PERSONAS)),
}
