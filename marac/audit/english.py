"""The audit trail is the record: it stays in English whatever language the pages are shown in."""

from django.utils import translation


def in_english(text: object) -> str:
    """`text` as English: a lazily translated label or verbose name gives its source text."""
    with translation.override(None):
        return str(text)
