"""`manage.py link_records`: columns in and out, refusals with the row at fault, link mode, audit."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from marac.audit.models import AuditAction, AuditEvent
from marac.linkage.tests.helpers import HAND_WRITTEN, SAME_PERSON, background_rows, read_matches, write_csv
from marac.people.models import Alias
from marac.testing.factories import LocalityFactory, PersonFactory

MATCH_HEADER = ["record_id", "matched_id", "match_probability"]


def run(*args: str) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("link_records", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def extract(tmp_path):
    return write_csv(tmp_path / "police-extract.csv", background_rows(150) + list(HAND_WRITTEN))


def test_dedupe_writes_the_match_columns_and_finds_known_duplicates(db, tmp_path, extract):
    output = tmp_path / "matches.csv"
    stdout, stderr = run("--input", str(extract), "--output", str(output), "--dedupe")

    assert output.read_text(encoding="utf-8").splitlines()[0].split(",") == MATCH_HEADER
    pairs = {(row["record_id"], row["matched_id"]) for row in read_matches(output)}
    for _, first, second in SAME_PERSON:
        assert tuple(sorted((first[0], second[0]))) in pairs
    assert all(0.9 <= float(row["match_probability"]) <= 1 for row in read_matches(output))
    assert "Read" in stderr and "Scored" in stderr
    assert "candidate matches" in stdout


def test_other_columns_are_ignored_and_columns_may_come_in_any_order(db, tmp_path):
    header = ("source", "postcode", "surname", "given_name", "record_id", "address", "date_of_birth")
    rows = [
        ("police", "RV1 2AB", "Wiśniewska", "Katarzyna", "A", "12 Mill Lane", "1987-03-14"),
        ("health", "RV1 2AB", "Wisniewksa", "Katarzyna", "B", "12 Mill Lane", "14/03/1987"),
    ]
    output = tmp_path / "matches.csv"
    run("--input", str(write_csv(tmp_path / "in.csv", rows, header)), "--output", str(output), "--dedupe")
    assert [(row["record_id"], row["matched_id"]) for row in read_matches(output)] == [("A", "B")]


def test_a_missing_column_is_named(db, tmp_path):
    rows = [("A", "Anna", "Nowak", "RV1 2AB")]
    source = write_csv(tmp_path / "in.csv", rows, ("record_id", "given_name", "surname", "postcode"))
    output = tmp_path / "matches.csv"
    with pytest.raises(CommandError, match="no date_of_birth, address columns"):
        run("--input", str(source), "--output", str(output), "--dedupe")
    assert not output.exists()


def test_a_bad_date_names_its_row_and_nothing_is_written(db, tmp_path):
    rows = [
        ("A", "Anna", "Nowak", "1990-01-02", "", ""),
        ("B", "Piotr", "Nowak", "31/02/1990", "", ""),
        ("C", "Ewa", "Nowak", "", "", ""),
        ("D", "Jan", "Nowak", "next spring", "", ""),
    ]
    output = tmp_path / "matches.csv"
    with pytest.raises(CommandError) as refused:
        run("--input", str(write_csv(tmp_path / "in.csv", rows)), "--output", str(output), "--dedupe")
    message = str(refused.value)
    assert "2 rows cannot be used" in message
    assert "Row 3: date_of_birth '31/02/1990' is not a date" in message
    assert "Row 5: date_of_birth 'next spring' is not a date" in message
    assert not output.exists()
    assert not AuditEvent.objects.filter(summary__startswith="Record linkage").exists()


def test_a_repeated_record_id_is_refused(db, tmp_path):
    rows = [("A", "Anna", "Nowak", "", "", ""), ("A", "Ewa", "Nowak", "", "", "")]
    with pytest.raises(CommandError, match="Row 3: record_id repeats the id of row 2"):
        run("--input", str(write_csv(tmp_path / "in.csv", rows)), "--output", str(tmp_path / "out.csv"), "--dedupe")


def test_a_threshold_outside_zero_to_one_is_refused(db, tmp_path, extract):
    with pytest.raises(CommandError, match="--threshold must be above 0 and at most 1"):
        run("--input", str(extract), "--output", str(tmp_path / "out.csv"), "--dedupe", "--threshold", "1.5")


def test_link_mode_matches_the_locality_s_people_only(db, tmp_path):
    riverside = LocalityFactory(name="Riverside")
    hillcrest = LocalityFactory(name="Hillcrest")
    known = PersonFactory(
        locality=riverside,
        given_name="Olexandr",
        family_name="Kovalenko",
        date_of_birth=dt.date(1990, 6, 21),
        address="31 Canal Street, Riverside",
        postcode="RV4 1ZZ",
    )
    married = PersonFactory(
        locality=riverside, given_name="Joanne", family_name="Whitfield", date_of_birth=dt.date(1983, 2, 7)
    )
    Alias.objects.create(person=married, name="Joanne Entwistle")
    PersonFactory(locality=riverside, given_name="Maria", family_name="Rossi", date_of_birth=dt.date(2001, 5, 5))
    # Hillcrest knows a person with exactly the same details: Riverside's run must never see them.
    PersonFactory(
        locality=hillcrest,
        given_name="Olexandr",
        family_name="Kovalenko",
        date_of_birth=dt.date(1990, 6, 21),
        address="31 Canal Street, Riverside",
        postcode="RV4 1ZZ",
    )
    rows = [
        *background_rows(120),
        ("X-1", "Олександр", "Коваленко", "1990-06-21", "31 Canal Street, Riverside", "RV4 1ZZ"),
        ("X-2", "Joanne", "Entwistle", "07/02/1983", "", ""),
        ("X-3", "Ahmed", "Farah", "1970-01-01", "", ""),
    ]
    output = tmp_path / "matches.csv"
    run("--input", str(write_csv(tmp_path / "in.csv", rows)), "--output", str(output), "--locality", "Riverside")

    matches = read_matches(output)
    assert {(row["record_id"], row["matched_id"]) for row in matches} == {
        ("X-1", str(known.pk)),
        ("X-2", str(married.pk)),
    }


def test_link_mode_needs_a_locality_when_there_are_several(db, tmp_path, extract):
    LocalityFactory(name="Riverside")
    LocalityFactory(name="Hillcrest")
    with pytest.raises(CommandError, match="Name the locality"):
        run("--input", str(extract), "--output", str(tmp_path / "out.csv"))
    with pytest.raises(CommandError, match="no locality called 'Nowhere'"):
        run("--input", str(extract), "--output", str(tmp_path / "out.csv"), "--locality", "Nowhere")


def test_each_run_is_audited_without_personal_data(db, tmp_path, extract):
    riverside = LocalityFactory(name="Riverside")
    PersonFactory(locality=riverside, given_name="Oliver", family_name="Bennett", date_of_birth=dt.date(1979, 11, 2))
    output = tmp_path / "matches.csv"

    run("--input", str(extract), "--output", str(output), "--dedupe")
    run("--input", str(extract), "--output", str(output), "--locality", "Riverside")

    dedupe_event, link_event = AuditEvent.objects.filter(summary__startswith="Record linkage").order_by("pk")
    assert dedupe_event.action == AuditAction.EXPORT
    assert dedupe_event.actor_id is None and dedupe_event.actor_username == "system"
    assert dedupe_event.detail["file"] == "police-extract.csv"
    assert dedupe_event.detail["mode"] == "dedupe"
    assert dedupe_event.detail["records"] == 150 + len(HAND_WRITTEN)
    assert dedupe_event.detail["matches"] >= len(SAME_PERSON)
    assert link_event.detail["mode"] == "link"
    # Oliver Bennett, once as written and once with his names swapped.
    assert link_event.detail["matches"] == 2
    assert link_event.object_type == "agencies.locality" and link_event.object_id == str(riverside.pk)
    trail = " ".join(f"{event.summary} {event.detail}" for event in (dedupe_event, link_event))
    assert "Bennett" not in trail and "Wiśniewska" not in trail and str(tmp_path) not in trail
