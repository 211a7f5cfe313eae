"""Reading the schema's formats, and the problems each bad value gets, without a database."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from marac.incidents.imports.parsing import COLUMNS, FileProblem, IncidentCsv, IncidentRow, RowParser
from marac.incidents.imports.tests.factories import csv_bytes, row
from marac.people.normalise import normalise_name

NOW = timezone.make_aware(dt.datetime(2026, 6, 1, 12, 0))


def _parse(**values: str):
    parser = RowParser({name: index for index, name in enumerate(COLUMNS)}, now=NOW)
    cells = row("P-1", **values)
    return parser.parse(2, [cells.get(name, "") for name in COLUMNS])


def _problems(**values: str) -> dict[str, str]:
    result = _parse(**values)
    assert isinstance(result, list), result
    return {error.field: error.reason for error in result}


@pytest.mark.parametrize(
    ("written", "local"),
    [
        ("2026-03-31", dt.datetime(2026, 3, 31, 0, 0)),
        ("2026-03-31T14:30", dt.datetime(2026, 3, 31, 14, 30)),
        ("2026-03-31 14:30:15", dt.datetime(2026, 3, 31, 14, 30, 15)),
        ("31/03/2026", dt.datetime(2026, 3, 31, 0, 0)),
        ("1/3/2026 07:05", dt.datetime(2026, 3, 1, 7, 5)),
    ],
)
def test_the_accepted_ways_of_writing_when_it_happened(written, local):
    parsed = _parse(occurred_at=written)
    assert isinstance(parsed, IncidentRow)
    assert timezone.localtime(parsed.occurred_at).replace(tzinfo=None) == local


def test_an_offset_is_honoured():
    parsed = _parse(occurred_at="2026-03-31T14:30+02:00")
    assert parsed.occurred_at == dt.datetime(2026, 3, 31, 12, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("31/02/2026", "31/02/2026 is not a date and time"),
        ("2026-02-30", "2026-02-30 is not a date and time"),
        ("31/03/2026 25:00", "31/03/2026 25:00 is not a date and time"),
        ("yesterday", "'yesterday' is not written as a date: write it as 2026-03-31, 2026-03-31T14:30, 31/03/2026"),
        ("2026-06-02", "2026-06-02 is in the future"),
        ("", "is empty: write when the incident happened"),
    ],
)
def test_a_wrong_date_says_what_is_wrong(written, reason):
    assert _problems(occurred_at=written)["occurred_at"].startswith(reason)


def test_types_are_codes_in_any_case_and_gravity_and_children_whole_numbers():
    parsed = _parse(incident_type=" Coercive_Control ", gravity="4", children_present="")
    assert (parsed.incident_type, parsed.gravity, parsed.children_present) == ("coercive_control", 4, 0)
    problems = _problems(incident_type="", gravity="2.5", children_present="-1")
    assert problems["incident_type"].startswith("is empty: it must be one of the accepted codes: physical,")
    assert problems["gravity"] == "must be 1 to 4, not '2.5'"
    assert problems["children_present"] == "must be a whole number from 0 to 99, not '-1'"


def test_dates_of_birth_are_checked_without_being_quoted():
    assert _problems(victim_date_of_birth="1991-02-30") == {"victim_date_of_birth": "is not a date"}
    assert _problems(victim_date_of_birth="2027-01-01") == {"victim_date_of_birth": "is in the future"}
    assert _problems(perpetrator_date_of_birth="2026-04-01") == {"perpetrator_date_of_birth": "is after the incident"}
    assert _problems(victim_date_of_birth="April 1991")["victim_date_of_birth"].startswith("is not written as a date")


def test_a_perpetrator_is_optional_but_named_in_full():
    no_one = _parse(perpetrator_given_name="", perpetrator_family_name="", perpetrator_date_of_birth="")
    assert no_one.perpetrator is None
    assert _problems(perpetrator_given_name="") == {"perpetrator_given_name": "is empty: give the perpetrator's name"}
    assert _problems(perpetrator_given_name="", perpetrator_family_name="") == {
        "perpetrator_given_name": "is empty, but the row gives the perpetrator's date of birth: give the name too"
    }
    assert _problems(victim_given_name="", victim_family_name="--") == {
        "victim_given_name": "is empty: give the victim's name"
    }
    assert _problems(victim_given_name="?", victim_family_name="--") == {
        "victim_family_name": "the victim's name has no letters"
    }


@pytest.mark.parametrize(
    ("given", "family"),
    [
        ("Zoë", "O'Neill"),
        ("Anne-Marie", "Smith - Jones"),
        ("Ólafur", "Þórsson"),
        ("Олександр", "Шевченко"),
        ("Γεώργιος", "Παπαδόπουλος"),
        ("Łucja", "Wiśniewska"),
        ("Siobhán", "Mac Giolla Phádraig"),
        ("José  María", "García\tLópez"),
        ("???", "Marsh"),
        ("Ilona", "!!!"),
    ],
)
def test_names_normalise_exactly_as_a_referral_would(given, family):
    """The parser normalises given name and surname apart (both repeat in a file far more than the pairs do):
    the result must stay the one `normalise_name` gives the full name, or a match would be missed."""
    parser = RowParser({}, now=NOW)
    assert parser._normalise(given, family) == normalise_name(given, family)


def test_a_header_in_any_case_with_a_repeated_column_is_refused():
    content = csv_bytes([row("P-1")]).replace(b"summary", b"GRAVITY", 1)
    with pytest.raises(FileProblem) as problem:
        IncidentCsv(io.BytesIO(content))
    assert [(error.row, error.field, error.reason) for error in problem.value.errors] == [
        (1, "gravity", "the column appears twice: keep one")
    ]
