"""A record merged into another is the same person's: the retention schedule anonymises it with the record it was
merged into, and drops the records of the merge and of the pair."""

from marac.duplicates.models import DuplicateCandidate
from marac.duplicates.services import candidate_decide
from marac.duplicates.tests.factories import candidate_for
from marac.people.models import Person, PersonMerge
from marac.people.retention import ERASED
from marac.people.tests.factories import case_with_everything, years_ago
from marac.people.tests.retention_helpers import run_retention
from marac.referrals.models import CaseStatus
from marac.testing.factories import PersonFactory


def test_a_merged_record_is_anonymised_with_the_kept_one(locale):
    everything = case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7))
    victim = everything.case.victim
    second = PersonFactory(locality=locale.locality, given_name="Amy", family_name="Oka", postcode="RV1 2AB")
    unrelated = PersonFactory(locality=locale.locality, given_name="Beatrix", family_name="Norland")
    candidate = candidate_for(victim, second)
    candidate_decide(actor=locale.actor("coordinator"), candidate=candidate, same_person=True, keep=victim)
    candidate_for(unrelated, PersonFactory(locality=locale.locality, given_name="Bea", family_name="Norland"))

    run_retention()

    second.refresh_from_db()
    assert second.erased_at is not None
    assert (second.given_name, second.family_name, second.postcode) == (ERASED, "", "")
    assert not PersonMerge.objects.exists()
    assert list(DuplicateCandidate.objects.values_list("person_a", flat=True)) == [unrelated.pk]
    assert Person.objects.get(pk=unrelated.pk).erased_at is None
