"""Reads for the possible-duplicate queue: which pairs the actor may review, and each person's identifiers.

A pair is the coordinator's to review when both records are of her locality and she may see every case either
person is linked to: a coordinator on the "must not see" list of one of the cases sees neither the pair nor the
people in it (deciding on them would be deciding on that case).
"""

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.duplicates.models import OPEN_STATUSES, DuplicateCandidate
from marac.incidents.models import Incident
from marac.people.merging import later_merge
from marac.people.models import Alias, PersonMerge
from marac.referrals.models import Case, CaseParty


def _hidden_cases(actor: Actor, person_field: str) -> Exists:
    """The person (named by `person_field` of the outer row) is linked to a case the actor may not see."""
    visible = policy.visible_cases(actor).values("pk")
    as_victim = Case.objects.filter(victim_id=OuterRef(person_field)).exclude(pk__in=visible)
    as_party = CaseParty.objects.filter(person_id=OuterRef(person_field)).exclude(case_id__in=visible)
    return Exists(as_victim) | Exists(as_party)


def visible_candidates(actor: Actor) -> QuerySet[DuplicateCandidate]:
    if not policy.receives_case_information(actor) or not policy.has_permission(actor, "duplicate.review"):
        return DuplicateCandidate.objects.none()
    return (
        DuplicateCandidate.objects.filter(locality=actor.locality)
        .exclude(_hidden_cases(actor, "person_a_id"))
        .exclude(_hidden_cases(actor, "person_b_id"))
        .select_related("person_a", "person_b", "decided_by", "merge")
    )


def _count(queryset: QuerySet) -> Subquery:
    """How many rows `queryset` (filtered on the outer row) has, as one value."""
    counted = queryset.order_by().annotate(total=Func(F("pk"), function="COUNT")).values("total")
    return Subquery(counted, output_field=IntegerField())


def _case_count(person_field: str) -> Subquery:
    parties = CaseParty.objects.filter(person_id=OuterRef(OuterRef(person_field))).values("case_id")
    return _count(Case.objects.filter(Q(victim_id=OuterRef(person_field)) | Q(pk__in=parties)))


def _incident_count(person_field: str) -> Subquery:
    return _count(
        Incident.objects.filter(Q(victim_id=OuterRef(person_field)) | Q(perpetrator_id=OuterRef(person_field)))
    )


def _still_separate(prefix: str) -> Q:
    """The record can still be decided on: not merged into another, not anonymised."""
    return Q(**{f"{prefix}__merged_into__isnull": True, f"{prefix}__erased_at__isnull": True})


def with_identifiers(candidates: QuerySet[DuplicateCandidate]) -> QuerySet[DuplicateCandidate]:
    """Each person's other names (two queries in all) and numbers of cases and incidents (in the same query)."""
    aliases = Alias.objects.order_by("name")
    return candidates.annotate(
        cases_a=_case_count("person_a_id"),
        cases_b=_case_count("person_b_id"),
        incidents_a=_incident_count("person_a_id"),
        incidents_b=_incident_count("person_b_id"),
    ).prefetch_related(Prefetch("person_a__aliases", queryset=aliases), Prefetch("person_b__aliases", queryset=aliases))


def candidate_queue(*, actor: Actor) -> QuerySet[DuplicateCandidate]:
    """The pairs to decide first, most probable first; then those decided, latest decision first.

    A pair left open whose record was meanwhile merged with a third or anonymised is no longer a question, and
    is left out."""
    still_open = Q(status__in=OPEN_STATUSES)
    stale = still_open & ~(_still_separate("person_a") & _still_separate("person_b"))
    return (
        with_identifiers(visible_candidates(actor).exclude(stale))
        .annotate(to_decide=ExpressionWrapper(still_open, output_field=BooleanField()))
        .order_by("-to_decide", "-match_probability", F("decided_at").desc(nulls_last=True), "pk")
    )


@dataclass(frozen=True)
class PairDetail:
    """What the decision page shows beside the two records."""

    cases_a: list[Case]
    cases_b: list[Case]
    blocked: str  # why the pair cannot be merged now, or ""
    undo_blocked_by: PersonMerge | None  # a later merge that must be undone before this pair's merge


def pair_detail(*, actor: Actor, candidate: DuplicateCandidate) -> PairDetail:
    """Each person's cases the actor sees (one query), and what stands in the way of a decision or an undo."""
    people = (candidate.person_a_id, candidate.person_b_id)
    cases = list(
        policy.visible_cases(actor)
        .filter(Q(victim_id__in=people) | Q(parties__person_id__in=people))
        .annotate(
            has_a=Exists(CaseParty.objects.filter(case_id=OuterRef("pk"), person_id=people[0])),
            has_b=Exists(CaseParty.objects.filter(case_id=OuterRef("pk"), person_id=people[1])),
        )
        .distinct()
        .order_by("-last_referred_at", "pk")
    )
    blocked = ""
    if candidate.is_open:
        for person in (candidate.person_a, candidate.person_b):
            if person.merged_into_id is not None:
                blocked = gettext("Person %(number)s was merged into person %(kept)s since this pair was found.") % {
                    "number": person.pk,
                    "kept": person.merged_into_id,
                }
            elif person.erased_at is not None:
                blocked = gettext("Person %(number)s was anonymised under the retention schedule.") % {
                    "number": person.pk
                }
    undo_blocked_by = later_merge(candidate.merge) if candidate.merge and not candidate.merge.is_undone else None
    return PairDetail(
        cases_a=[case for case in cases if case.victim_id == people[0] or case.has_a],
        cases_b=[case for case in cases if case.victim_id == people[1] or case.has_b],
        blocked=blocked,
        undo_blocked_by=undo_blocked_by,
    )
