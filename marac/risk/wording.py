"""The shipped instruments' wording in other languages.

A shipped instrument file `<name>.json` may have a translation beside it, `<name>.<language>.json` (for example
`dash-style-24.es.json`). A translation is a complete instrument file in the same format, with the same code and
version, that scores exactly as the original does: the same items in the same order with the same ids and weights,
the same answer options, scale, bands and screen. Only the wording differs: the name, description, provenance,
item labels and help, and band labels. A translation that differs in anything that scores is refused.

When a page is shown in a language that has a translation of a shipped version, that version's questions read in
that language. What is stored, scored, downloaded and audited stays the original's, so an assessment answered in
Spanish is the same assessment as one answered in English. A version a locality loads itself is shown in its own
wording in every language: a locality that wants another wording loads it as a new version.
"""

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django.utils.translation import gettext

from marac.risk.engine.definition import Instrument
from marac.risk.engine.loading import InstrumentFileError, instrument_to_data, load_instrument_file

# What a translation may change: everything else must be the same as in the original.
WORDING_FIELDS = ("name", "description", "provenance")
ITEM_WORDING_FIELDS = ("label", "help")
BAND_WORDING_FIELDS = ("label",)


def language_of(path: Path) -> str:
    """The language a file is in, from its name: "es" for `dash-style-24.es.json`, "" for an original."""
    suffixes = path.suffixes
    if len(suffixes) >= 2 and suffixes[-2][1:].isalpha() and 2 <= len(suffixes[-2]) - 1 <= 3:
        return suffixes[-2][1:].lower()
    return ""


def original_path(path: Path) -> Path:
    """`dash-style-24.json` for `dash-style-24.es.json`."""
    return path.with_name(path.name.removesuffix("".join(path.suffixes[-2:])) + path.suffix)


def _scoring(instrument: Instrument) -> dict:
    """The definition with the wording taken out: what must be the same in a translation."""
    data = instrument_to_data(instrument)
    for field in WORDING_FIELDS:
        data.pop(field)
    for item in data["items"]:
        for field in ITEM_WORDING_FIELDS:
            item.pop(field)
    for band in data["bands"]:
        for field in BAND_WORDING_FIELDS:
            band.pop(field)
    return data


def translation_problems(original: Instrument, translation: Instrument) -> list[str]:
    """Why `translation` is not a translation of `original`; empty when it is one."""
    if (translation.code, translation.version) != (original.code, original.version):
        return [
            gettext("it translates %(translated)s, not %(original)s")
            % {
                "translated": f"{translation.code}@{translation.version}",
                "original": f"{original.code}@{original.version}",
            }
        ]
    if _scoring(translation) != _scoring(original):
        return [
            gettext(
                "it scores differently from %(original)s: only the name, description, provenance, the items' "
                "labels and help, and the bands' labels may differ"
            )
            % {"original": f"{original.code}@{original.version}"}
        ]
    return []


def load_translation(path: Path) -> Instrument:
    """Read a translation file and check it against the original beside it; `InstrumentFileError` if it is not
    a faithful translation."""
    translation = load_instrument_file(path)
    original = load_instrument_file(original_path(path))
    if problems := translation_problems(original, translation):
        raise InstrumentFileError(path.name, problems)
    return translation


def translation_files(paths: Iterable[Path]) -> list[Path]:
    return sorted(path for path in paths if language_of(path))


@cache
def _translations(directory: Path) -> dict[tuple[str, str, str], Instrument]:
    """Every translation in `directory`, by (code, version, language). Read once per process: shipped files change
    only with a new release."""
    found = {}
    for path in translation_files(directory.iterdir()):
        translation = load_translation(path)
        found[(translation.code, translation.version, language_of(path))] = translation
    return found


def translated(instrument: Instrument, *, language: str | None, directory: Path) -> Instrument:
    """`instrument` in `language`'s wording when `directory` holds a translation of it that scores exactly as it
    does, else `instrument` itself."""
    if not language:
        return instrument
    translation = _translations(directory).get((instrument.code, instrument.version, language.split("-")[0]))
    if translation is None or not _scores_the_same(instrument, translation):
        return instrument
    return translation


@cache
def _scores_the_same(instrument: Instrument, translation: Instrument) -> bool:
    # The stored version is checked too, not only the file beside the translation: a translation must never
    # change how a stored version scores.
    return _scoring(instrument) == _scoring(translation)


def translated_name(*, code: str, version: str, name: str, language: str | None, directory: Path) -> str:
    """A shipped version's name in `language`, without reading its stored definition (for lists of versions)."""
    if not language:
        return name
    translation = _translations(directory).get((code, version, language.split("-")[0]))
    return translation.name if translation is not None else name
