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

from marac.linkage.names import given_name_groups, spelling_key
from marac.people.normalise import normalise_name

MATCHING_SCHEMA = pa.schema(
    [
        ("unique_id", pa.string()),
        ("given", pa.string()),
        ("surname", pa.string()),
        ("given_key", pa.string()),
        ("surname_key", pa.string()),
        # The formal given names this one may stand for (nicknames, other spellings); `given_group` is the first.
        ("given_groups", pa.list_(pa.string())),
        ("given_group", pa.string()),
        ("dob", pa.date32()),
        # The date of birth with day and month in either order (year, smaller, larger): swapped dates share it.
        ("dob_key", pa.string()),
        ("postcode", pa.string()),
        ("address", pa.string()),
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


def _each_distinct(values: Sequence[Any], derive: Callable[[Any], Any]) -> list[Any]:
    """derive(value) for every value, computing it once per distinct value; None stays None."""
    derived: dict[Hashable, Any] = {None: None}
    for value in set(values):
        if value is not None:
            derived[value] = derive(value) or None
    return [derived[value] for value in values]


def matching_table(unique_ids: Sequence[str], records: pa.Table) -> pa.Table:
    """Matching columns for `records` (with the columns of `marac.linkage.extract.RECORD_SCHEMA`)."""
    given = _each_distinct(records.column("given_name").to_pylist(), normalise_name)
    surname = _each_distinct(records.column("surname").to_pylist(), normalise_name)
    groups = _each_distinct(given, given_name_groups)
    name_counts = Counter(zip(given, surname, strict=True))
    columns = {
        "unique_id": unique_ids,
        "given": given,
        "surname": surname,
        "given_key": _each_distinct(given, spelling_key),
        "surname_key": _each_distinct(surname, spelling_key),
        "given_groups": groups,
        "given_group": [group[0] if group else None for group in groups],
        "dob": records.column("date_of_birth").combine_chunks(),
        "dob_key": _each_distinct(records.column("date_of_birth").to_pylist(), date_of_birth_key),
        "postcode": _each_distinct(records.column("postcode").to_pylist(), normalise_postcode),
        "address": _each_distinct(records.column("address").to_pylist(), normalise_address),
        "name_count": [name_counts[name] for name in zip(given, surname, strict=True)],
    }
    arrays = [
        values if isinstance(values, pa.Array) else pa.array(values, type=field.type)
        for field, values in ((field, columns[field.name]) for field in MATCHING_SCHEMA)
    ]
    return pa.Table.from_arrays(arrays, schema=MATCHING_SCHEMA)
