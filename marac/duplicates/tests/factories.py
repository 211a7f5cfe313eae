"""Pairs of records for the duplicate queue's tests."""

from django.utils import timezone

from marac.duplicates.models import DuplicateCandidate, MatchMethod
from marac.people.models import Person
from marac.testing.factories import PersonFactory


def candidate_for(person: Person, other: Person | None = None, *, probability: float = 0.97) -> DuplicateCandidate:
    """A pending pair of `person` and `other` (by default a new record of a near name in the same locality)."""
    if other is None:
        other = PersonFactory(
            locality=person.locality,
            given_name=person.given_name,
            family_name=f"{person.family_name}e",
            date_of_birth=person.date_of_birth,
        )
    first, second = sorted((person, other), key=lambda record: record.pk)
    return DuplicateCandidate.objects.create(
        locality=person.locality,
        person_a=first,
        person_b=second,
        match_probability=probability,
        method=MatchMethod.PROBABILISTIC,
        found_at=timezone.now(),
    )
