"""Reads for the glossary: the locality's terms in the reader's language, shipped and its own, in one query."""

import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from marac.agencies.models import Locality
from marac.glossary.defaults import SHIPPED_BY_KEY, SHIPPED_TERMS
from marac.glossary.models import GlossaryTerm


@dataclass(frozen=True)
class Entry:
    key: str
    term: str
    definition: str
    shipped: bool  # one of marac's shipped terms
    changed: bool  # the locality's own words (for a shipped term) or a term it added
    removed: bool


def language_order(language: str, locality: Locality | None) -> list[str]:
    """The languages to look for a term's words in: the reader's, her locality's, the site's, then any other."""
    order = [language, locality.language if locality else "", settings.LANGUAGE_CODE]
    order += [code for code, _name in settings.LANGUAGES]
    seen: list[str] = []
    for code in order:
        if code and code not in seen:
            seen.append(code)
    return seen


def words_in(wording: dict, languages: list[str]) -> tuple[str, str]:
    for code in [*languages, *wording]:
        words = wording.get(code) or {}
        if words.get("term"):
            return words["term"], words.get("definition", "")
    return "", ""


def shipped_wording(key: str) -> dict[str, dict[str, str]]:
    """A shipped term's words in every language marac has, from the catalogues."""
    shipped = SHIPPED_BY_KEY[key]
    wording = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            wording[code] = {"term": str(shipped.term), "definition": str(shipped.definition)}
    return wording


def glossary_entries(*, locality: Locality | None, language: str | None = None) -> list[Entry]:
    """Every term of the locality's glossary, removed ones included (flagged), A to Z in the reader's language."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    languages = language_order(language, locality)
    rows = {row.key: row for row in GlossaryTerm.objects.filter(locality=locality)} if locality else {}
    entries = []
    for shipped in SHIPPED_TERMS:
        row = rows.pop(shipped.key, None)
        if row is not None and row.wording:
            term, definition = words_in(row.wording, languages)
        else:
            term, definition = str(shipped.term), str(shipped.definition)
        changed = bool(row is not None and row.wording)
        entries.append(Entry(shipped.key, term, definition, True, changed, bool(row and row.removed)))
    for row in rows.values():
        term, definition = words_in(row.wording, languages)
        entries.append(Entry(row.key, term, definition, False, True, row.removed))
    return sorted(entries, key=lambda entry: (sort_key(entry.term), entry.key))


def sort_key(text: str) -> str:
    """Alphabetical order that ignores case and accents, so "Órden" sorts among the Os."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def glossary_entry(*, locality: Locality, key: str) -> Entry | None:
    return next((entry for entry in glossary_entries(locality=locality) if entry.key == key), None)


def term_wording(*, locality: Locality, key: str) -> dict[str, dict[str, str]] | None:
    """The words of one term in every language, as the edit form starts from them; None for no such term."""
    row = GlossaryTerm.objects.filter(locality=locality, key=key).first()
    if row is not None and row.wording:
        return row.wording
    if key in SHIPPED_BY_KEY:
        return shipped_wording(key)
    return None
