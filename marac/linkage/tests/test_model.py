"""The model's building blocks: date of birth mistakes, typing mistakes, name groups with a mistake, Greek names."""

import datetime as dt

import duckdb
import pyarrow as pa
import pytest

from marac.linkage import model
from marac.linkage.features import matching_table
from marac.linkage.names import given_name_groups, near_given_name_groups, romanise_greek
from marac.linkage.tests.helpers import records_table


def _holds(sql: str, **columns) -> list[bool]:
    """`sql` evaluated on a table with the given columns (lists of equal length), one result per row."""
    with duckdb.connect() as connection:
        connection.register("pairs", pa.table(columns))
        return [row[0] for row in connection.execute(f"SELECT {sql} FROM pairs").fetchall()]


@pytest.mark.parametrize(
    ("left", "right", "one_out"),
    [
        ("1987-03-14", "1987-03-15", True),  # a day out
        ("1987-03-31", "1987-04-01", True),  # a day out, across the end of a month
        ("1987-03-14", "1987-04-14", True),  # a month out
        ("1987-03-14", "1988-03-14", True),  # a year out
        ("1987-03-12", "1987-03-21", True),  # the day's digits swapped
        ("1987-03-14", "1978-03-14", True),  # the year's digits swapped
        ("1987-03-14", "1987-03-16", False),
        ("1987-03-14", "1989-03-14", False),
        ("1987-03-14", "1988-04-14", False),
    ],
)
def test_a_date_of_birth_one_mistake_out(left, right, one_out):
    dates = {"dob_l": [dt.date.fromisoformat(left)], "dob_r": [dt.date.fromisoformat(right)]}
    assert _holds(model.DOB_ONE_OUT, **dates) == [one_out]


def test_one_typing_mistake_is_damerau_levenshtein_one_however_it_is_computed():
    pairs = [("smith", "smith"), ("smith", "smyth"), ("smith", "smiht"), ("smith", "smit"), ("smith", "smitth")]
    pairs += [("smith", "msith"), ("smith", "simth"), ("smith", "smtih"), ("smith", "smiths"), ("ab", "ba")]
    pairs += [("smith", "mitsh"), ("smith", "smyht"), ("ana", "ava"), ("ana", "nana"), ("jo", "joan")]
    left, right = (list(side) for side in zip(*pairs, strict=True))
    fast = _holds(model.one_mistake_apart("given_l", "given_r"), given_l=left, given_r=right)
    exact = _holds("damerau_levenshtein(given_l, given_r) <= 1", given_l=left, given_r=right)
    assert fast == exact
    assert fast == [True] * 10 + [False, False, True, True, False]


@pytest.mark.parametrize(
    ("mistyped", "formal"),
    [("bexky", "rebecca"), ("tnoy", "anthony"), ("atnhony", "anthony"), ("jarosoaw", "yaroslav")],
)
def test_a_mistyped_nickname_or_variant_finds_its_formal_name(mistyped, formal):
    assert set(near_given_name_groups(mistyped)) & set(given_name_groups(formal))


def test_known_and_short_names_are_not_read_as_mistakes():
    assert near_given_name_groups("becky") == ()  # in the variant table: taken as written
    assert near_given_name_groups("mck") == ()  # too short to say which name it was meant to be


def test_a_given_name_common_in_the_file_is_not_read_as_a_mistake():
    rows = [(f"L{number}", "Laura", "Smith", "", "", "") for number in range(5)]
    rows.append(("B1", "Bexky", "Jones", "", "", ""))
    table = matching_table([row[0] for row in rows], records_table(rows))
    near = dict(zip(table.column("unique_id").to_pylist(), table.column("given_groups_near").to_pylist(), strict=True))
    assert near["L0"] is None  # five records of Laura: a name, not a mistyped Maura
    assert near["B1"]


def test_greek_script_is_written_as_greek_passports_write_it():
    assert romanise_greek("Βασιλική Παπαδοπούλου") == "vasiliki papadopoulou"
    assert romanise_greek("Μπάμπης Ευαγγέλου") == "bampis evangelou"
    assert romanise_greek("Olexandr") == "Olexandr"
