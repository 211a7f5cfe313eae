"""Reading extracts, the name keys, and the locality's people as linkage rows."""

import datetime as dt

import pytest

from marac.linkage.extract import ExtractError, parse_date_of_birth, read_extract
from marac.linkage.features import date_of_birth_key, normalise_address, normalise_postcode
from marac.linkage.names import given_name_groups, spelling_key
from marac.linkage.people import known_people, split_alias
from marac.linkage.tests.helpers import write_csv
from marac.people.models import Alias
from marac.testing.factories import LocalityFactory, PersonFactory


@pytest.mark.parametrize(
    ("text", "date"),
    [("1990-04-12", dt.date(1990, 4, 12)), ("12/04/1990", dt.date(1990, 4, 12)), ("2/4/1990", dt.date(1990, 4, 2))],
)
def test_dates_of_birth_in_iso_or_uk_form(text, date):
    assert parse_date_of_birth(text) == date


@pytest.mark.parametrize("text", ["31/02/1990", "1990-13-01", "12.04.1990", "19900412", "April 1990"])
def test_anything_else_is_not_a_date(text):
    with pytest.raises(ValueError):
        parse_date_of_birth(text)


def test_headers_are_matched_whatever_their_case_and_blank_rows_skipped(tmp_path):
    header = ("Record_ID", " Given_Name", "SURNAME", "Date_of_Birth", "Address", "Postcode")
    path = write_csv(tmp_path / "in.csv", [("1", "Anna", "Nowak", "", "", ""), ("", "", "", "", "", "")], header)
    table = read_extract(path)
    assert table.to_pylist() == [
        {
            "record_id": "1",
            "given_name": "Anna",
            "surname": "Nowak",
            "date_of_birth": None,
            "address": None,
            "postcode": None,
        }
    ]


def test_every_bad_row_is_listed(tmp_path):
    rows = [("", "Anna", "Nowak", "", "", ""), ("2", "Ewa", "Nowak", "soon", "", "")]
    with pytest.raises(ExtractError) as refused:
        read_extract(write_csv(tmp_path / "in.csv", rows))
    assert [str(problem) for problem in refused.value.problems] == [
        "Row 2: record_id is empty.",
        "Row 3: date_of_birth 'soon' is not a date (use YYYY-MM-DD or DD/MM/YYYY).",
    ]


@pytest.mark.parametrize(
    ("spellings", "same"),
    [
        (("yuliya", "iuliia", "julia"), True),
        (("oleksandr", "olexandr"), True),
        (("mohamed", "mohammed"), True),
        (("shevchenko", "sevcenko"), True),
        (("anna", "hannah"), False),
    ],
)
def test_spelling_keys_fold_transliteration_habits(spellings, same):
    assert (len({spelling_key(name) for name in spellings}) == 1) is same


@pytest.mark.parametrize(
    ("nickname", "formal"),
    [("bill", "william"), ("kasia", "katarzyna"), ("sasha", "oleksandr"), ("giorgos", "georgios")],
)
def test_nicknames_share_a_group_with_the_formal_name(nickname, formal):
    assert set(given_name_groups(nickname)) & set(given_name_groups(formal))


def test_a_nickname_of_several_names_belongs_to_each():
    assert len(given_name_groups("chris")) == 3
    assert not set(given_name_groups("william")) & set(given_name_groups("margaret"))


def test_postcodes_addresses_and_swapped_dates_normalise():
    assert normalise_postcode(" rv12  3ab") == normalise_postcode("RV123AB") == "RV12 3AB"
    assert normalise_address("12, Mill Rd.  Riverside") == "12 mill road riverside"
    assert date_of_birth_key(dt.date(1990, 4, 12)) == date_of_birth_key(dt.date(1990, 12, 4))


@pytest.mark.parametrize(
    ("alias", "expected"),
    [("Zoe Marsh", ("zoe", "marsh")), ("Jo O'Neill", ("jo", "oneill")), ("Mary Jane Smith", ("mary", "jane smith"))],
)
def test_an_alias_is_split_using_the_person_s_own_name(alias, expected):
    assert split_alias(alias, given_name="Zoë", family_name="O'Neill") == expected


def test_known_people_are_one_row_per_name_in_two_queries(db, django_assert_num_queries):
    riverside = LocalityFactory()
    person = PersonFactory(locality=riverside, given_name="Zoë", family_name="O'Neill", postcode="RV1 2AB")
    Alias.objects.create(person=person, name="Zoe Marsh")
    erased = PersonFactory(locality=riverside, erased_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    Alias.objects.create(person=erased, name="Someone Else")
    PersonFactory(locality=LocalityFactory(), given_name="Zoë", family_name="O'Neill")
    PersonFactory.create_batch(3, locality=riverside)

    with django_assert_num_queries(2):
        table = known_people(riverside)

    rows = table.to_pylist()
    assert len(rows) == 5
    assert erased.pk not in {row["person_id"] for row in rows}
    assert {(row["given_name"], row["surname"]) for row in rows if row["person_id"] == person.pk} == {
        ("Zoë", "O'Neill"),
        ("zoe", "marsh"),
    }
