"""Finding people by name, other name or case reference, among those the actor may answer for (subject access).

The search runs in two steps. The people of the actor's locality who match are found first, by index (the trigram
index on the normalised names, `name_search`); only they are then put through the access rules and counted. Asked in
one statement, PostgreSQL applied the rules to every person of the locality before it knew which few matched. A
search matching more than `MATCH_LIMIT` people lists the first of them and says so: the person asking types more of
the name.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from marac.access.actor import Actor
from marac.people.models import Alias, Person
from marac.people.name_search import name_match
from marac.people.subject_access import subject_access_people
from marac.referrals.models import Case, CaseParty

MATCH_LIMIT = 500
BY_NAME = ("family_name", "given_name", "pk")


@dataclass(frozen=True)
class PersonSearch:
    people: QuerySet[Person]
    # More people matched than `limit`: `people` holds the first of them.
    incomplete: bool = False
    limit: int = 0


def _count_of(rows: QuerySet, key: str) -> Coalesce:
    """How many of `rows` point at the outer person: one small subquery a person listed."""
    counted = rows.order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _matching(locality, query: str, born: dt.date | None) -> tuple[list[int], set[int]]:
    """The people of the locality who match (and were born on `born`, if given), best first and at most one more
    than the limit: a case reference, then names spelt as typed, then names one mistake away, each by name. Also
    which of them match as typed."""
    people = Person.objects.filter(locality=locality)
    if born is not None:
        people = people.filter(date_of_birth=born)
    by_reference = Case.objects.filter(locality=locality, reference__iexact=query)
    referenced = set(people.filter(cases_as_victim__in=by_reference).values_list("pk", flat=True))
    referenced |= set(people.filter(case_parties__case__in=by_reference).values_list("pk", flat=True))
    name = name_match("normalised_name", query)
    found: dict[int, tuple[bool, str, str, int]] = {}
    if name is not None:
        spelt = ExpressionWrapper(name.as_typed, output_field=BooleanField())
        named = (
            people.filter(name.either)
            .annotate(spelt=spelt)
            .order_by("-spelt", *BY_NAME)
            .values_list("pk", "family_name", "given_name", "spelt")
        )
        other_names = (
            Alias.objects.filter(person__in=people)
            .filter(name.either)
            .annotate(spelt=spelt)
            .order_by("-spelt", "person__family_name", "person__given_name", "person_id")
            .values_list("person_id", "person__family_name", "person__given_name", "spelt")
        )
        for rows in (named[: MATCH_LIMIT + 1], other_names[: MATCH_LIMIT + 1]):
            for pk, family, given, typed in rows:
                # A person found by name and by another name ranks where the better of the two puts them.
                found[pk] = min(found.get(pk, (True, family, given, pk)), (not typed, family, given, pk))
    ranked = sorted(referenced) + sorted((pk for pk in found if pk not in referenced), key=found.__getitem__)
    as_typed = referenced | {pk for pk, (mistyped, *_name) in found.items() if not mistyped}
    return ranked[: MATCH_LIMIT + 1], as_typed


def search_people(*, actor: Actor, query: str, born: dt.date | None = None) -> PersonSearch:
    """People matching a name (or other name) or a case reference, and born on `born` if given, with how many cases
    each is linked to: those spelt as typed first, then those one typing mistake away."""
    query = query.strip()
    if not query or actor.locality is None:
        return PersonSearch(people=Person.objects.none())
    ids, as_typed = _matching(actor.locality, query, born)
    listed = ids[:MATCH_LIMIT]
    people = (
        subject_access_people(actor=actor)
        .filter(pk__in=listed)
        .annotate(
            victim_case_count=_count_of(Case.objects.filter(victim_id=OuterRef("pk")), "victim_id"),
            party_case_count=_count_of(CaseParty.objects.filter(person_id=OuterRef("pk")), "person_id"),
            spelt_as_typed=ExpressionWrapper(Q(pk__in=as_typed.intersection(listed)), output_field=BooleanField()),
        )
        .order_by("-spelt_as_typed", *BY_NAME)
    )
    return PersonSearch(people=people, incomplete=len(ids) > MATCH_LIMIT, limit=MATCH_LIMIT)
