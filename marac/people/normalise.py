"""Name normalisation used for matching the same person across referrals."""

import re
import unicodedata

from unidecode import unidecode

_NOT_LETTERS = re.compile(r"[^a-z ]+")
# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ħ": "h"}
)
_SPACES = re.compile(r"\s+")


def normalise_name(*parts: str) -> str:
    """Lower-case, strip accents and punctuation, and fold spaces: 'Zoë  O'Neill' -> 'zoe oneill'.

    Names in other scripts are written in Latin letters: 'Олександр' -> 'oleksandr', 'Γεώργιος' -> 'georgios'.
    """
    text = " ".join(part for part in parts if part)
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_UNDECOMPOSABLE))
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    if not ascii_only.isascii():
        # Only letters that have no Latin base letter are left here (Cyrillic, Greek…); accents are already gone,
        # so Latin names come out exactly as before.
        ascii_only = unidecode(ascii_only).lower()
    ascii_only = ascii_only.replace("'", "").replace("\u2019", "").replace("-", " ")
    return _SPACES.sub(" ", _NOT_LETTERS.sub("", ascii_only)).strip()
