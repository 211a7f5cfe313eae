"""A subject's file holds what their merged records held and the history of every merge of their records; a merge
that was undone names no one."""

import datetime as dt

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.incidents.tests.factories import IncidentFactory
from marac.people.merging import person_merge, person_merge_undo
from marac.people.subject_access import WITHHELD_CONTACT
from marac.people.tests.factories import case_with_everything
from marac.people.tests.subject_access_helpers import exported
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged(locale):
    """Amara's case record, her second record (Mandy, with an incident and a look at it) merged into it, and a
    third person's record merged in by mistake and the merge undone."""
    everything = case_with_everything(locale)
    actor = locale.actor("coordinator")
    second = PersonFactory(
        locality=locale.locality,
        given_name="Mandy",
        family_name="Okafor",
        date_of_birth=dt.date(1990, 5, 17),
        address="3 Birch Close",
    )
    incident = IncidentFactory(locality=locale.locality, source_agency=locale.police, victim=second)
    audit_record(actor=locale.actor("police_rep"), action=AuditAction.VIEW, target=second, summary="Viewed person")
    merge = person_merge(actor=actor, kept=everything.victim, merged=second)
    stranger = PersonFactory(locality=locale.locality, given_name="Tamsin", family_name="Greaves")
    mistake = person_merge(actor=actor, kept=everything.victim, merged=stranger)
    person_merge_undo(actor=locale.actor("coordinator"), merge=mistake)
    return {
        "everything": everything,
        "second": second,
        "incident": incident,
        "merge": merge,
        "stranger": stranger,
        "mistake": mistake,
    }


def test_the_merged_record_and_what_it_held_are_in_her_file(locale, merged):
    victim, second = merged["everything"].victim, merged["second"]

    data, _text = exported(locale, victim)

    [record] = data["merged_records"]
    assert (record["record_id"], record["given_name"], record["date_of_birth"]) == (second.pk, "Mandy", "1990-05-17")
    assert record["contact"]["address"] == "3 Birch Close", "her own, as the victim wherever she appears"
    assert [incident["your_role"] for incident in data["incidents"]] == ["Victim"], "moved to her record by the merge"
    looks = [(entry["record_id"], entry["action"], entry["user"]) for entry in data["record_access_log"]]
    assert (second.pk, "Viewed", "riverside-police_rep") in looks
    assert "Mandy Okafor" in data["subject"]["other_names"]


def test_every_merge_is_listed_by_record_number_and_an_undone_one_names_no_one(locale, merged):
    victim = merged["everything"].victim

    data, text = exported(locale, victim)

    assert [(entry["kept_record_id"], entry["merged_record_id"], entry["undone"]) for entry in data["merges"]] == [
        (victim.pk, merged["second"].pk, False),
        (victim.pk, merged["stranger"].pk, True),
    ]
    first = data["merges"][0]
    assert first["merged_by"] == "riverside-coordinator" and first["undone_at"] is None
    assert data["merges"][1]["undone_by"] == "riverside-coordinator"
    assert "Tamsin" not in text and "Greaves" not in text


def test_a_merged_records_address_follows_the_subjects_rule(locale, merged):
    """Merged into the perpetrator's record, a second record's address is withheld as his own is."""
    perpetrator = merged["everything"].perpetrator
    alias = PersonFactory(locality=locale.locality, given_name="Daz", family_name="Pike", address="8 Hollow Way")
    person_merge(actor=locale.actor("coordinator"), kept=perpetrator, merged=alias)

    data, text = exported(locale, perpetrator)

    [record] = data["merged_records"]
    assert record["record_id"] == alias.pk and record["contact"] is None
    assert "8 Hollow Way" not in text
    path = f"merged_records[{alias.pk}]"
    assert {"what": f"{path}.contact, {path}.school", "why": WITHHELD_CONTACT} in data["withheld"]


def test_an_earlier_merge_into_a_record_merged_since_is_listed(locale, merged):
    """Earlier, a third record was merged into the second one; the second was then merged into hers."""
    victim = merged["everything"].victim
    actor = locale.actor("coordinator")
    second = PersonFactory(locality=locale.locality, given_name="Amy", family_name="Okafor")
    earliest = PersonFactory(locality=locale.locality, given_name="Amy", family_name="Okafor-Bell")
    person_merge(actor=actor, kept=second, merged=earliest)
    person_merge(actor=actor, kept=victim, merged=second)

    data, _text = exported(locale, victim)

    pairs = {(entry["kept_record_id"], entry["merged_record_id"]) for entry in data["merges"]}
    assert (second.pk, earliest.pk) in pairs
    assert {record["record_id"] for record in data["merged_records"]} == {
        merged["second"].pk,
        second.pk,
        earliest.pk,
    }, "every record merged into hers, one step from it"


def test_the_page_lists_the_merges(locale, merged):
    victim = merged["everything"].victim
    page = locale.client("coordinator").get(reverse("people:subject_access", kwargs={"pk": victim.pk}))
    content = page.content.decode()
    assert f"Record {merged['second'].pk} merged into record {victim.pk}" in content
    assert f"record {merged['second'].pk}, Mandy Okafor" in content
    assert "Tamsin" not in content
