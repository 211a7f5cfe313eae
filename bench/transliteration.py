"""Writing Greek, Ukrainian and Russian names in Latin letters, two ways each.

Agencies copy a name from whatever they were shown: a passport (the official system of the country that issued
it), a form the person filled in themselves, an interpreter's spelling. The "official" tables follow the
passport conventions closely enough; the "informal" ones are the spellings English speakers tend to write.
"""

import unicodedata

# Each system: letters and letter pairs -> Latin, and the replacements that differ at the start of a word.
_Table = dict[str, str]

_GREEK_COMMON: _Table = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k",
    "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t",
    "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}  # fmt: skip
_GREEK_OFFICIAL: _Table = {
    **_GREEK_COMMON,
    "ου": "ou", "αι": "ai", "ει": "ei", "οι": "oi", "αυ": "av", "ευ": "ev", "μπ": "mp", "ντ": "nt",
    "γγ": "ng", "γκ": "gk", "γχ": "nch",
}  # fmt: skip
_GREEK_OFFICIAL_INITIAL: _Table = {"μπ": "b", "γκ": "g"}
_GREEK_INFORMAL: _Table = {
    **_GREEK_COMMON,
    "υ": "i", "χ": "h", "ου": "ou", "αι": "e", "ει": "i", "οι": "i", "αυ": "af", "ευ": "ef", "μπ": "b",
    "ντ": "d", "γγ": "ng", "γκ": "g", "γι": "yi",
}  # fmt: skip
_GREEK_INFORMAL_INITIAL: _Table = {}

_CYRILLIC_COMMON: _Table = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ь": "", "ъ": "", "'": "", "’": "",
}  # fmt: skip
_UKRAINIAN_OFFICIAL: _Table = {
    **_CYRILLIC_COMMON,
    "г": "h", "ґ": "g", "є": "ie", "и": "y", "і": "i", "ї": "i", "й": "i", "х": "kh", "ю": "iu", "я": "ia",
}  # fmt: skip
_UKRAINIAN_OFFICIAL_INITIAL: _Table = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UKRAINIAN_INFORMAL: _Table = {
    **_CYRILLIC_COMMON,
    "г": "g", "ґ": "g", "є": "ye", "и": "i", "і": "i", "ї": "yi", "й": "y", "х": "h", "ю": "yu", "я": "ya",
    "щ": "sch", "кс": "x",
}  # fmt: skip
_UKRAINIAN_INFORMAL_INITIAL: _Table = {}
_RUSSIAN_OFFICIAL: _Table = {
    **_CYRILLIC_COMMON,
    "г": "g", "ё": "yo", "и": "i", "й": "y", "х": "kh", "ы": "y", "э": "e", "ю": "yu", "я": "ya", "ий": "iy",
    "ье": "ye",
}  # fmt: skip
_RUSSIAN_OFFICIAL_INITIAL: _Table = {"е": "ye"}
_RUSSIAN_INFORMAL: _Table = {
    **_CYRILLIC_COMMON,
    "г": "g", "ё": "e", "и": "i", "й": "i", "х": "kh", "ъ": "ie", "ы": "y", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
_RUSSIAN_INFORMAL_INITIAL: _Table = {}

SYSTEMS: dict[str, dict[str, tuple[_Table, _Table]]] = {
    "greek": {
        "official": (_GREEK_OFFICIAL, _GREEK_OFFICIAL_INITIAL),
        "informal": (_GREEK_INFORMAL, _GREEK_INFORMAL_INITIAL),
    },
    "ukrainian": {
        "official": (_UKRAINIAN_OFFICIAL, _UKRAINIAN_OFFICIAL_INITIAL),
        "informal": (_UKRAINIAN_INFORMAL, _UKRAINIAN_INFORMAL_INITIAL),
    },
    "russian": {
        "official": (_RUSSIAN_OFFICIAL, _RUSSIAN_OFFICIAL_INITIAL),
        "informal": (_RUSSIAN_INFORMAL, _RUSSIAN_INFORMAL_INITIAL),
    },
}


def transliterate(name: str, script: str, system: str) -> str:
    """'Олександр' with ('ukrainian', 'official') -> 'Oleksandr'; capitals kept on the first letter of words."""
    table, initial = SYSTEMS[script][system]
    if script == "greek":
        # Greek accents (tonos) carry no sound difference that the tables write; Cyrillic marks do (й, ё).
        name = "".join(ch for ch in unicodedata.normalize("NFD", name) if not unicodedata.combining(ch))
    words = []
    for word in name.split(" "):
        lower = word.lower()
        out = []
        position = 0
        while position < len(lower):
            for size in (2, 1):
                piece = lower[position : position + size]
                if len(piece) < size:
                    continue
                replacement = initial.get(piece) if position == 0 else None
                if replacement is None:
                    replacement = table.get(piece)
                if replacement is not None:
                    out.append(replacement)
                    position += size
                    break
            else:
                out.append(lower[position])
                position += 1
        latin = "".join(out)
        words.append(latin[:1].upper() + latin[1:])
    return " ".join(words)
