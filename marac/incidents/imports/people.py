"""The people an import names: each one identified once in the file, then matched in bulk to the locality's people.

The rule is `marac.people.matching`'s, applied to many people at once: the same normalised name (own name or a
recorded alias) and the same date of birth is the same person; a record merged into another is never matched;
without a date of birth there is no automatic match. When several records match, the oldest is used, as
`person_find_or_create` does. These reads decide which record an incident points at and are never shown to a
user, so, like `matching_people`, they are not scoped by the access policy.
"""

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from marac.agencies.models import Locality
from marac.incidents.imports.parsing import Party
from marac.people.models import Alias, Person

PersonKey = tuple[str, dt.date]


class PeopleInFile:
    """Numbers the people a file names, so that a person on many rows is matched or created once.

    A date of birth and a normalised name identify a person across rows (as a victim on one row and a perpetrator
    on another, too). A mention without a date of birth is a person of its own: names alone are too common to join
    records on, and the possible-duplicate review catches the ones that are the same.
    """

    def __init__(self) -> None:
        self._ids: dict[PersonKey, int] = {}
        self._last_id = 0

    def identify(self, party: Party) -> tuple[int, bool]:
        """The person's number in this file, and whether this is the first row to name them."""
        if party.date_of_birth is not None:
            key = (party.normalised_name, party.date_of_birth)
            known = self._ids.get(key)
            if known is not None:
                return known, False
        self._last_id += 1
        if party.date_of_birth is not None:
            self._ids[key] = self._last_id
        return self._last_id, True


def matchable_people(locality: Locality) -> QuerySet[Person]:
    """The records a named person may be matched to (see `marac.people.matching.matching_people`)."""
    return Person.objects.filter(locality=locality, merged_into__isnull=True, date_of_birth__isnull=False).order_by()


def matchable_aliases(locality: Locality) -> QuerySet[Alias]:
    """The other names of `matchable_people`, through which they may be matched too."""
    return Alias.objects.filter(
        person__locality=locality, person__merged_into__isnull=True, person__date_of_birth__isnull=False
    ).order_by()


def known_people(*, locality: Locality, keys: Iterable[PersonKey]) -> dict[PersonKey, int]:
    """The id of the person each (normalised name, date of birth) names, for the keys that name someone known.

    One query for all the keys: a batch of rows never costs a query per person.
    """
    wanted = set(keys)
    if not wanted:
        return {}
    names = {name for name, _ in wanted}
    births = {birth for _, birth in wanted}
    own_names = (
        matchable_people(locality)
        .filter(normalised_name__in=names, date_of_birth__in=births)
        .values_list("pk", "normalised_name", "date_of_birth")
    )
    aliases = (
        matchable_aliases(locality)
        .filter(normalised_name__in=names, person__date_of_birth__in=births)
        .values_list("person_id", "normalised_name", "person__date_of_birth")
    )
    found: dict[PersonKey, int] = {}
    for person_id, name, birth in own_names.union(aliases, all=True):
        key = (name, birth)
        if key in wanted and (key not in found or person_id < found[key]):
            found[key] = person_id
    return found
