"""Name normalisation used for matching the same person across referrals."""

import re
import unicodedata

_NOT_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")


def normalise_name(*parts: str) -> str:
    """Lower-case, strip accents and punctuation, and fold spaces: 'Zoë  O'Neill' -> 'zoe oneill'."""
    text = " ".join(part for part in parts if part)
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    ascii_only = ascii_only.replace("'", "").replace("\u2019", "").replace("-", " ")
    return _SPACES.sub(" ", _NOT_LETTERS.sub("", ascii_only)).strip()
