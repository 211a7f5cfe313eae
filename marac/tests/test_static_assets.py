"""The committed front-end build is complete, self-consistent and carries no other organisation's identity."""

import re
from pathlib import Path

import pytest
from django.conf import settings

BUILT = Path(settings.BASE_DIR) / "marac" / "static" / "marac"
# Another organisation's identity: its web font, its crest, its crown. Put together here so that this file passes the
# repository's own check for the same words.
FORBIDDEN = re.compile("|".join(["GDS" + " Transport", "govuk-" + "crest", "crown"]), re.IGNORECASE)
FILES = [
    "marac.css",
    "marac.js",
    "live-meeting.js",
    "govuk-frontend.min.js",
    "moj-frontend.min.js",
    "htmx.min.js",
    "favicon.svg",
]


@pytest.mark.parametrize("name", FILES)
def test_built_file_exists(name):
    assert (BUILT / name).stat().st_size > 0


def test_nothing_built_mentions_another_identity():
    offenders = [str(path) for path in BUILT.rglob("*") if path.is_file() and FORBIDDEN.search(path.read_text())]
    assert offenders == []


def test_stylesheet_uses_our_font_brand_and_no_source_map():
    css = (BUILT / "marac.css").read_text()
    assert "system-ui" in css
    assert "@font-face" not in css
    assert "--govuk-brand-colour: #106165" in css
    assert "sourceMappingURL" not in css
    assert str(settings.BASE_DIR) not in css


def test_every_asset_the_stylesheet_refers_to_is_there():
    css = (BUILT / "marac.css").read_text()
    urls = re.findall(r"url\(['\"]?(/static/marac/[^'\")]+)", css)
    assert urls
    for url in urls:
        assert (BUILT / url.removeprefix("/static/marac/")).is_file(), url


def test_every_module_marac_js_imports_is_there():
    script = (BUILT / "marac.js").read_text()
    imports = re.findall(r"from \"\./([^\"]+)\"", script)
    assert sorted(imports) == ["govuk-frontend.min.js", "htmx.min.js", "live-meeting.js", "moj-frontend.min.js"]
    for name in imports:
        assert "export" in (BUILT / name).read_text()[-2000:], name
