"""The matching columns derived from a record: normalised names, their keys, postcode and address.

Derived in Python once per distinct value (names and dates repeat a great deal), then handed to DuckDB as an
Arrow table; nothing here runs per pair of records.
"""

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from typing import Any

import pyarrow as pa

from marac.linkage.names import given_name_groups, near_given_name_groups, romanise_greek, spelling_key
from marac.people.normalise import normalise_name

MATCHING_SCHEMA = pa.schema(
    [
        ("unique_id", pa.string()),
        ("given", pa.string()),
        ("surname", pa.string()),
        # Given name and surname together: how common a whole name is.
        ("full_name", pa.string()),
        ("given_key", pa.string()),
        ("surname_key", pa.string()),
        # The formal given names this one may stand for (nicknames, other spellings); `given_group` is the first.
        ("given_groups", pa.list_(pa.string())),
        ("given_group", pa.string()),
        # For a given name the variant table does not know: the formal names of the known names one typing
        # mistake away ('bexky' -> rebecca, through 'becky'); null otherwise, and for names common in the file.
        ("given_groups_near", pa.list_(pa.string())),
        # The name groups of the surname read as a given name: for records with the two names swapped.
        ("surname_groups", pa.list_(pa.string())),
        ("dob", pa.date32()),
        # The date of birth with day and month in either order (year, smaller, larger): swapped dates share it.
        ("dob_key", pa.string()),
        ("postcode", pa.string()),
        ("address", pa.string()),
        # The first letters of the given name and the surname, in alphabetical order: the same when the names are
        # swapped, and rarely changed by a typing mistake (people read the first letter back).
        ("initials", pa.string()),
        # How many records of the same table carry this exact name: rare names may be compared on the name alone.
        ("name_count", pa.int64()),
    ]
)

_NOT_POSTCODE = re.compile(r"[^A-Z0-9]")
_NOT_ADDRESS = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")
# Words agencies abbreviate differently in addresses.
_ADDRESS_WORDS = {
    "rd": "road",
    "st": "street",
    "ave": "avenue",
    "av": "avenue",
    "ln": "lane",
    "cl": "close",
    "dr": "drive",
    "cres": "crescent",
    "terr": "terrace",
    "tce": "terrace",
    "gdns": "gardens",
    "pl": "place",
    "ct": "court",
    "apt": "flat",
}


def normalise_postcode(text: str) -> str:
    """'rv12 3ab', 'RV123AB', 'RV12  3AB' -> 'RV12 3AB' (outward and inward code split the UK way)."""
    compact = _NOT_POSTCODE.sub("", text.upper())
    if len(compact) >= 5:
        return f"{compact[:-3]} {compact[-3:]}"
    return compact


def normalise_address(text: str) -> str:
    """'12, Mill Rd.  Riverside' -> '12 mill road riverside'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NOT_ADDRESS.sub(" ", plain).split()
    return " ".join(_ADDRESS_WORDS.get(word, word) for word in words)


def date_of_birth_key(date_of_birth: dt.date) -> str:
    """date(1990, 4, 12) and date(1990, 12, 4) -> '1990-04-12'."""
    low, high = sorted((date_of_birth.day, date_of_birth.month))
    return f"{date_of_birth.year:04d}-{low:02d}-{high:02d}"


def _normalised_name(text: str) -> str:
    """`normalise_name`, with names in Greek script first written as Greek passports write them."""
    return normalise_name(romanise_greek(text))


def _full_names(given: Sequence[str | None], surname: Sequence[str | None]) -> list[str | None]:
    return [f"{first} {last}" if first and last else None for first, last in zip(given, surname, strict=True)]


def name_initials(given: str | None, surname: str | None) -> str | None:
    """('katarzyna', 'nowak') and ('nowak', 'katarzyna') -> 'kn'; None when either name is missing."""
    if not given or not surname:
        return None
    return "".join(sorted((given[0], surname[0])))


# A given name carried by more records than this (per 100,000, and at least by this many) is a name in its own
# right, not a typing mistake: Laura is not a mistyped Maura, and Emma not a mistyped Emmy.
MISTYPED_NAME_MAX_COUNT = 2


def _near_groups(given: Sequence[str | None]) -> list[tuple[str, ...] | None]:
    """`near_given_name_groups` of the given names rare enough in this file to be typing mistakes."""
    counts = Counter(given)
    most = max(MISTYPED_NAME_MAX_COUNT, MISTYPED_NAME_MAX_COUNT * len(given) // 100_000)
    return _each_distinct(given, lambda name: near_given_name_groups(name) if counts[name] <= most else ())


def _each_distinct(values: Sequence[Any], derive: Callable[[Any], Any]) -> list[Any]:
    """derive(value) for every value, computing it once per distinct value; None stays None."""
    derived: dict[Hashable, Any] = {None: None}
    for value in set(values):
        if value is not None:
            derived[value] = derive(value) or None
    return [derived[value] for value in values]


def matching_table(unique_ids: Sequence[str], records: pa.Table) -> pa.Table:
    """Matching columns for `records` (with the columns of `marac.linkage.extract.RECORD_SCHEMA`)."""
    given = _each_distinct(records.column("given_name").to_pylist(), _normalised_name)
    surname = _each_distinct(records.column("surname").to_pylist(), _normalised_name)
    groups = _each_distinct(given, given_name_groups)
    name_counts = Counter(zip(given, surname, strict=True))
    columns = {
        "unique_id": unique_ids,
        "given": given,
        "surname": surname,
        "full_name": _full_names(given, surname),
        "given_key": _each_distinct(given, spelling_key),
        "surname_key": _each_distinct(surname, spelling_key),
        "given_groups": groups,
        "given_group": [group[0] if group else None for group in groups],
        "given_groups_near": _near_groups(given),
        "surname_groups": _each_distinct(surname, given_name_groups),
        "dob": records.column("date_of_birth").combine_chunks(),
        "dob_key": _each_distinct(records.column("date_of_birth").to_pylist(), date_of_birth_key),
        "postcode": _each_distinct(records.column("postcode").to_pylist(), normalise_postcode),
        "address": _each_distinct(records.column("address").to_pylist(), normalise_address),
        "initials": [name_initials(*names) for names in zip(given, surname, strict=True)],
        "name_count": [name_counts[name] for name in zip(given, surname, strict=True)],
    }
    arrays = [
        values if isinstance(values, pa.Array) else pa.array(values, type=field.type)
        for field, values in ((field, columns[field.name]) for field in MATCHING_SCHEMA)
    ]
    return pa.Table.from_arrays(arrays, schema=MATCHING_SCHEMA)
