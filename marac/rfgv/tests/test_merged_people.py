"""Merged records: the merge moves every incident to the kept record (marac.people.merging), so the kept record is
scored on both records' incidents, two records of one victim count once, and undoing the merge undoes that."""

import pytest

from marac.people.merging import person_merge, person_merge_undo
from marac.rfgv.scoring import rank_serial_perpetrators, score_people
from marac.rfgv.tests.helpers import AS_OF, at, incident, person

pytestmark = pytest.mark.django_db


def _serial(locale) -> list[int]:
    return [score.person_id for score in rank_serial_perpetrators(locality=locale.locality, as_of=AS_OF)]


def test_two_records_of_one_perpetrator_merged_make_him_serial(locale):
    kept = person(locale, "Darren", "Vale")
    merged = person(locale, "Daz", "Vale")
    incident(locale, kept, person(locale, "Uma", "Synthetic"), at(2026, 9, 1))
    incident(locale, merged, person(locale, "Val", "Synthetic"), at(2026, 10, 1))
    assert _serial(locale) == []

    merge = person_merge(actor=locale.actor("coordinator"), kept=kept, merged=merged)
    assert _serial(locale) == [kept.pk]
    scores = score_people(locality=locale.locality, person_ids=[kept.pk, merged.pk], as_of=AS_OF)
    assert (scores[kept.pk].incident_count, scores[kept.pk].victim_count) == (2, 2)
    # The merged record keeps nothing of its own and is never ranked.
    assert (scores[merged.pk].incident_count, scores[merged.pk].is_serial) == (0, False)

    person_merge_undo(actor=locale.actor("coordinator"), merge=merge)
    assert _serial(locale) == []


def test_two_records_of_one_victim_merged_count_as_one_victim(locale):
    perpetrator = person(locale, "Darren", "Vale")
    first = person(locale, "Uma", "Synthetic")
    again = person(locale, "Umma", "Synthetic")
    incident(locale, perpetrator, first, at(2026, 9, 1))
    incident(locale, perpetrator, again, at(2026, 10, 1))
    assert _serial(locale) == [perpetrator.pk]

    person_merge(actor=locale.actor("coordinator"), kept=first, merged=again)
    assert _serial(locale) == []
    score = score_people(locality=locale.locality, person_ids=[perpetrator.pk], as_of=AS_OF)[perpetrator.pk]
    assert (score.incident_count, score.victim_count) == (2, 1)


def test_a_record_marked_merged_is_not_ranked_even_with_incidents_left_on_it(locale):
    kept = person(locale, "Darren", "Vale")
    stale = person(locale, "Daz", "Vale")
    incident(locale, stale, person(locale, "Uma", "Synthetic"), at(2026, 9, 1))
    incident(locale, stale, person(locale, "Val", "Synthetic"), at(2026, 10, 1))
    stale.merged_into = kept  # as if an incident had reached the record after the merge
    stale.save(update_fields=["merged_into"])
    assert _serial(locale) == []
