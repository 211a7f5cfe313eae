"""Possible duplicates found the moment a person is recorded: exact identifiers only, no linkage model.

The nightly `find_duplicates` run (marac.duplicates.finding) finds the rest, probabilistically.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.duplicates.models import DuplicateCandidate, MatchMethod
from marac.people.models import Person
from marac.people.normalise import normalise_name


def candidates_for_person(*, actor: Actor, person: Person) -> list[DuplicateCandidate]:
    """Queue the people of `person`'s locality whom exact identifiers alone say may be the same person: a name
    or other name equal to one of theirs (given and family name in either order) and the same date of birth,
    or the date with day and month swapped. `person_create` calls it on every new record.

    Returns the pairs newly queued; pairs proposed before, whatever was decided, are not proposed again."""
    if person.date_of_birth is None or person.merged_into_id is not None or person.erased_at is not None:
        return []
    names = {
        normalise_name(person.given_name, person.family_name),
        normalise_name(person.family_name, person.given_name),
    }
    names |= set(person.aliases.values_list("normalised_name", flat=True))
    names.discard("")
    born = person.date_of_birth
    dates = {born}
    if born.day <= 12:
        # Any month number is a valid day of any month, so the swapped date always exists.
        dates.add(born.replace(month=born.day, day=born.month))
    # No savepoint of its own inside `person_create`'s transaction: one whole, or nothing.
    with transaction.atomic(savepoint=False):
        others = (
            Person.objects.filter(
                locality_id=person.locality_id,
                date_of_birth__in=dates,
                merged_into__isnull=True,
                erased_at__isnull=True,
            )
            .filter(Q(normalised_name__in=names) | Q(aliases__normalised_name__in=names))
            .exclude(pk=person.pk)
            .values_list("pk", flat=True)
            .distinct()
        )
        pairs = {(min(person.pk, other), max(person.pk, other)) for other in others}
        proposed = set(
            DuplicateCandidate.objects.filter(
                Q(person_a=person) | Q(person_b=person), locality_id=person.locality_id
            ).values_list("person_a_id", "person_b_id")
        )
        now = timezone.now()
        new = DuplicateCandidate.objects.bulk_create(
            [
                DuplicateCandidate(
                    locality_id=person.locality_id,
                    person_a_id=a,
                    person_b_id=b,
                    match_probability=1.0,
                    method=MatchMethod.EXACT,
                    found_at=now,
                )
                for a, b in sorted(pairs - proposed)
            ]
        )
        for candidate in new:
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                target=candidate,
                summary="Queued a possible duplicate for review",
                detail={"person_a": candidate.person_a_id, "person_b": candidate.person_b_id, "method": "exact"},
            )
    return new
