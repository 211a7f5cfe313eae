"""Reads for the MATAC ranking and its explanations, for a reader holding `matac.rank` (checked by the views).

The scores themselves are internal calculations (`scoring`); this module decides whom a reader is shown. The
ranking covers the reader's locality, and only for an agency that signed the information-sharing agreement. The
"must not see" list reaches here as everywhere: a reader barred from a case is shown no perpetrator named on an
incident about any party to that case (its victim, its perpetrators, anyone else on it), so that neither the
ranking nor an explanation gives away what the case file would.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from marac.access import policy
from marac.access.actor import Actor
from marac.access.models import CaseExclusion
from marac.incidents import selectors as incident_selectors
from marac.incidents.models import Incident
from marac.people.models import Person
from marac.referrals.models import Case, CaseParty
from marac.rfgv.rules import ScoringRules, rules_for
from marac.rfgv.scoring import RfgvScore, counted_incidents, ranking_with

# How many of the counted incidents an explanation lists, newest first.
EXPLANATION_INCIDENTS = 100


def _barred_people(actor: Actor) -> tuple[QuerySet, QuerySet]:
    """The victims and the other parties of the cases the actor is barred from, as two subqueries of person ids."""
    barred_cases = CaseExclusion.objects.filter(user_id=actor.user.pk).values("case_id")
    victims = Case.objects.filter(pk__in=barred_cases).values("victim_id")
    parties = CaseParty.objects.filter(case_id__in=barred_cases).values("person_id")
    return victims, parties


def _hidden_perpetrators(actor: Actor) -> set[int]:
    """Ids of the perpetrators of any incident of the locality about a person the actor is barred from (one query).

    Four selects joined by UNION rather than one with OR, so that each follows an index from the few barred cases to
    their incidents instead of reading every incident of the locality. Empty, without a query, for someone barred from
    no case."""
    if not actor.barred_from_cases:
        return set()
    victims, parties = _barred_people(actor)
    parts = [
        Incident.objects.filter(locality=actor.locality, perpetrator__isnull=False, **{f"{column}__in": people})
        .order_by()
        .values_list("perpetrator_id", flat=True)
        for column in ("victim_id", "perpetrator_id")
        for people in (victims, parties)
    ]
    return set(parts[0].union(*parts[1:]))


def scorable_people(actor: Actor) -> QuerySet[Person]:
    """The people of the actor's locality whose score the actor may read: live records (not merged into another),
    none the "must not see" list hides (one query to find those, then the queryset's own)."""
    if not policy.receives_case_information(actor):
        return Person.objects.none()
    return Person.objects.filter(locality=actor.locality, merged_into__isnull=True).exclude(
        pk__in=sorted(_hidden_perpetrators(actor))
    )


@dataclass(frozen=True)
class Ranking:
    scores: list[RfgvScore]  # in rank order
    rules: ScoringRules
    as_of: dt.datetime


def ranking(*, actor: Actor, as_of: dt.datetime | None = None) -> Ranking:
    """The locality's serial perpetrators in rank order, less those the actor may not be shown (three queries: the
    settings, the scores, the hidden)."""
    as_of = timezone.localtime(as_of or timezone.now())
    rules = rules_for(actor.locality)
    if not policy.receives_case_information(actor):
        return Ranking(scores=[], rules=rules, as_of=as_of)
    scores = ranking_with(locality=actor.locality, rules=rules, as_of=as_of)
    hidden = _hidden_perpetrators(actor)
    return Ranking(scores=[score for score in scores if score.person_id not in hidden], rules=rules, as_of=as_of)


def people_by_id(*, actor: Actor, person_ids: list[int]) -> dict[int, Person]:
    """The named people of one page of the ranking (one query)."""
    people = Person.objects.filter(locality=actor.locality, pk__in=person_ids)
    return {person.pk: person for person in people}


@dataclass(frozen=True)
class CountedIncidents:
    shown: list[Incident]  # those the actor may read, newest first, up to EXPLANATION_INCIDENTS
    may_read_incidents: bool  # whether the actor's role reads incident records at all


def counted_incidents_for(
    *, actor: Actor, score: RfgvScore, rules: ScoringRules, as_of: dt.datetime
) -> CountedIncidents:
    """The incidents behind a score that the actor may read as incidents (`incidents.selectors`): every one for the
    coordinator, her own agency's for anyone else who reads incidents, none for the chair (one query)."""
    may_read = policy.has_permission(actor, "incident.list")
    if not may_read or not score.incident_count:
        return CountedIncidents(shown=[], may_read_incidents=may_read)
    counted = counted_incidents(locality=actor.locality, rules=rules, person_id=score.person_id, as_of=as_of)
    visible = incident_selectors.visible_incidents(actor).filter(pk__in=counted.values("pk"))
    return CountedIncidents(
        shown=list(visible.order_by("-occurred_at", "-pk")[:EXPLANATION_INCIDENTS]), may_read_incidents=True
    )
