"""On PostgreSQL an import checks its foreign keys set-based where the database role may turn row triggers off, and
row by row where it may not: both give the same records, and a reference that no longer exists fails the import."""

import pytest
from django.db import IntegrityError, connection

from marac.incidents.imports import loading
from marac.incidents.imports.tests.factories import import_rows, row
from marac.incidents.models import ImportStatus, Incident, IncidentImport
from marac.people.models import Person
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the COPY loader runs on PostgreSQL only")


def _replication_role() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        return cursor.fetchone()[0]


def _import_known_and_new(locale):
    known = PersonFactory(locality=locale.locality, given_name="Ilona", family_name="Marsh", date_of_birth="1991-04-12")
    rows = [row("P-1"), row("P-2", victim_given_name="Wren", victim_family_name="Adeyemi")]
    outcome = import_rows(locale.actor("police_rep"), locale.police, rows)
    return known, outcome


@pytest.mark.parametrize("set_based", [True, False], ids=["set-based checks", "row triggers"])
def test_either_way_the_same_records_and_triggers_are_back_on(locale, monkeypatch, set_based):
    monkeypatch.setattr(loading, "_may_check_references_set_based", lambda cursor: set_based)

    known, outcome = _import_known_and_new(locale)

    assert outcome.incident_import.status == ImportStatus.DONE
    assert (outcome.people_matched, outcome.people_created) == (1, 2)  # Ilona known; Wren and the perpetrator new
    victims = set(Incident.objects.values_list("victim__given_name", flat=True))
    assert victims == {"Ilona", "Wren"}
    assert Incident.objects.get(source_reference="P-1").victim == known
    assert _replication_role() == "origin"


def test_the_test_database_role_may_check_set_based(locale):
    """The suite runs as a superuser; otherwise the parametrised test above would test one path twice."""
    with connection.cursor() as cursor:
        assert loading._may_check_references_set_based(cursor)


def test_a_matched_person_that_no_longer_exists_fails_the_import_and_leaves_nothing(locale, monkeypatch):
    match = loading.CopyLoader._match

    def match_a_removed_record(self, cursor):
        return {number: person_id + 10_000 for number, person_id in match(self, cursor).items()}

    monkeypatch.setattr(loading.CopyLoader, "_match", match_a_removed_record)

    with pytest.raises(IntegrityError):
        _import_known_and_new(locale)

    assert IncidentImport.objects.get().status == ImportStatus.FAILED
    assert not Incident.objects.exists() and Person.objects.count() == 1
    assert _replication_role() == "origin"


def test_text_that_copy_would_read_as_control_characters_arrives_exactly(locale):
    """The rows travel to PostgreSQL as COPY text, written by the loader itself: tabs, new lines and backslashes in
    a value must not split it or be read as escapes."""
    summary = "Line one\tafter a tab\nline two\\N not null\r\nend \\ with a backslash"
    rows = [row("P-1", summary=summary, victim_family_name="Marsh\\Tab\tbed", victim_postcode="")]

    outcome = import_rows(locale.actor("police_rep"), locale.police, rows)

    assert outcome.incident_import.status == ImportStatus.DONE
    incident = Incident.objects.select_related("victim").get()
    assert incident.summary == summary.strip()
    assert incident.victim.family_name == "Marsh\\Tab bed"  # spaces and tabs inside a name fold to one space
    assert incident.victim.postcode == ""
