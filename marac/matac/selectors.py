"""Reads for MATAC, always starting from what the actor may see (`marac.access.matac_policy`)."""

import datetime as dt

from django.db.models import BooleanField, Case, Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from marac.access import matac_policy, policy
from marac.access.actor import Actor
from marac.access.perpetrator_policy import visible_perpetrators
from marac.actions.models import INCOMPLETE_STATUSES
from marac.matac.models import (
    OPEN_STATUSES,
    MatacAction,
    MatacActionUpdate,
    MatacListing,
    Nomination,
    NominationReferral,
    NominationStatus,
    RfgvSnapshot,
    ScoreOccasion,
)
from marac.matac.scores import Outcome, OutcomeSummary, outcome_of, outcome_summary_of, scores_by_occasion
from marac.meetings.models import Meeting, MeetingStatus
from marac.people.models import Person

# How many people the nominate page offers for a name searched.
SEARCH_RESULTS = 20


# Who may be nominated.


def nominable_people(actor: Actor) -> QuerySet[Person]:
    """People the actor may see as perpetrators (the perpetrators' rulebook, `perpetrator_policy`), and so nominate:
    for the coordinator and the chair, who read the ranking, every perpetrator of the locality."""
    if not policy.has_permission(actor, "matac.refer"):
        return Person.objects.none()
    return visible_perpetrators(actor).filter(erased_at__isnull=True)


def nominable_search(*, actor: Actor, words: str) -> list[Person]:
    """The first people the actor may nominate whose name holds the words typed."""
    words = words.strip()
    if not words:
        return []
    found = nominable_people(actor)
    for word in words.split():
        found = found.filter(Q(given_name__icontains=word) | Q(family_name__icontains=word))
    return list(found.order_by("family_name", "given_name", "pk")[:SEARCH_RESULTS])


def open_nomination_of(*, actor: Actor, person: Person) -> Nomination | None:
    """The person's open nomination, if the actor may see it."""
    return matac_policy.visible_nominations(actor).filter(person=person, status__in=OPEN_STATUSES).first()


# Nominations.


def _latest_referral_score(field: str) -> Subquery:
    return Subquery(
        RfgvSnapshot.objects.filter(nomination=OuterRef("pk"), occasion=ScoreOccasion.REFERRAL)
        .order_by("-taken_at", "-pk")
        .values(field)[:1]
    )


def _with_scores(nominations: QuerySet[Nomination]) -> QuerySet[Nomination]:
    return nominations.prefetch_related(
        Prefetch("scores", queryset=RfgvSnapshot.objects.order_by("taken_at", "pk"), to_attr="score_history")
    )


def selection_list(*, actor: Actor) -> QuerySet[Nomination]:
    """Nominations awaiting a decision, highest score at referral first (ties: the more recent last incident, then
    the earlier nomination), each with its referrals and scores."""
    return (
        _with_scores(matac_policy.visible_nominations(actor).filter(status=NominationStatus.NOMINATED))
        .annotate(
            score_total=_latest_referral_score("total"),
            score_last_incident_at=_latest_referral_score("last_incident_at"),
            referral_count=Count("referrals", distinct=True),
        )
        .prefetch_related(
            Prefetch(
                "referrals",
                queryset=NominationReferral.objects.select_related("referring_agency").order_by("referred_at", "pk"),
            )
        )
        .order_by("-score_total", "-score_last_incident_at", "nominated_at", "pk")
    )


def _action_counts(actor: Actor) -> dict[str, Count]:
    """How many of a nomination's actions the actor may see are incomplete, and how many of those overdue."""
    visible = Q() if matac_policy.sees_all_of_locality(actor) else Q(actions__owner_agency=actor.agency)
    incomplete = visible & Q(actions__status__in=INCOMPLETE_STATUSES)
    return {
        "open_action_count": Count("actions", filter=incomplete, distinct=True),
        "overdue_action_count": Count(
            "actions", filter=incomplete & Q(actions__due_date__lt=timezone.localdate()), distinct=True
        ),
    }


def nominees(*, actor: Actor) -> QuerySet[Nomination]:
    """Selected nominees (on MATAC now), longest on it first, with their scores and their open and overdue actions."""
    return _with_scores(
        matac_policy.visible_nominations(actor)
        .filter(status=NominationStatus.SELECTED)
        .annotate(**_action_counts(actor))
        .order_by("decided_at", "pk")
    )


def nomination_list(*, actor: Actor, status: str) -> QuerySet[Nomination]:
    """The actor's nominations of one status, newest first."""
    return (
        matac_policy.visible_nominations(actor)
        .filter(status=status)
        .annotate(referral_count=Count("referrals", distinct=True))
        .order_by("-nominated_at", "-pk")
    )


def nomination_queryset(*, actor: Actor) -> QuerySet[Nomination]:
    """Visible nominations with everything the nominee's page shows, for fetching one through the guard. Referrals
    are the actor's agency's own unless the actor sees the whole locality's MATAC."""
    referrals = NominationReferral.objects.select_related("referring_agency", "referred_by", "marac_action").order_by(
        "referred_at", "pk"
    )
    if not matac_policy.sees_all_of_locality(actor):
        referrals = referrals.filter(referring_agency=actor.agency)
    return _with_scores(
        matac_policy.visible_nominations(actor).select_related(
            "decided_by", "subject_profile_by", "intelligence_profile_by", "exited_by"
        )
    ).prefetch_related(
        Prefetch("referrals", queryset=referrals, to_attr="shown_referrals"),
        Prefetch(
            "listings",
            queryset=matac_policy.visible_listings(actor).order_by("meeting__scheduled_for", "pk"),
            to_attr="shown_listings",
        ),
        Prefetch(
            "actions",
            queryset=with_overdue(matac_policy.visible_matac_actions(actor))
            .select_related("listing__meeting")
            .order_by("due_date", "pk"),
            to_attr="shown_actions",
        ),
    )


def scores_of(nomination: Nomination) -> dict[str, RfgvSnapshot]:
    """The nomination's latest referral, entry and exit scores (fetched with `score_history`)."""
    return scores_by_occasion(nomination.score_history)


def nomination_outcome(nomination: Nomination) -> Outcome | None:
    scores = scores_of(nomination)
    return outcome_of(scores.get(ScoreOccasion.ENTRY), scores.get(ScoreOccasion.EXIT))


def outcome_summary(*, actor: Actor) -> OutcomeSummary:
    """The outcome of every exited nominee the actor may see (two queries)."""
    exited = _with_scores(matac_policy.visible_nominations(actor).filter(status=NominationStatus.EXITED))
    outcomes = [outcome for nomination in exited if (outcome := nomination_outcome(nomination)) is not None]
    return outcome_summary_of(outcomes)


def shows_scores(actor: Actor) -> bool:
    """Scores are the ranking's: shown to those who read the ranking."""
    return policy.has_permission(actor, "matac.rank")


# MATAC meetings.


def matac_meetings(*, actor: Actor) -> tuple[QuerySet[Meeting], QuerySet[Meeting]]:
    """The actor's MATAC meetings not yet closed (soonest first) and closed ones (latest first), with how many
    nominees each lists."""
    meetings = matac_policy.visible_matac_meetings(actor).annotate(nominee_count=Count("matac_listings"))
    upcoming = meetings.exclude(status=MeetingStatus.CLOSED).order_by("scheduled_for", "pk")
    past = meetings.filter(status=MeetingStatus.CLOSED).order_by("-scheduled_for", "-pk")
    return upcoming, past


def matac_meeting_queryset(*, actor: Actor) -> QuerySet[Meeting]:
    return matac_policy.visible_matac_meetings(actor).select_related("locality", "chair")


def meeting_listings(*, actor: Actor, meeting: Meeting) -> list[MatacListing]:
    """The nominees on the meeting's agenda in order, each with his scores and the actions the actor may see."""
    return list(
        matac_policy.visible_listings(actor)
        .filter(meeting=meeting)
        .prefetch_related(
            Prefetch(
                "nomination__scores",
                queryset=RfgvSnapshot.objects.order_by("taken_at", "pk"),
                to_attr="score_history",
            ),
            Prefetch(
                "actions",
                queryset=with_overdue(matac_policy.visible_matac_actions(actor)).order_by("due_date", "pk"),
                to_attr="shown_actions",
            ),
        )
        .order_by("position", "pk")
    )


def listable_nominations(*, actor: Actor, meeting: Meeting) -> list[Nomination]:
    """Selected nominees not yet on the meeting's agenda."""
    return list(
        matac_policy.visible_nominations(actor)
        .filter(status=NominationStatus.SELECTED)
        .exclude(listings__meeting=meeting)
        .order_by("person__family_name", "person__given_name", "pk")
    )


def listing_queryset(*, actor: Actor) -> QuerySet[MatacListing]:
    """Visible listings with what the chair needs to discuss one nominee."""
    return matac_policy.visible_listings(actor).select_related(
        "meeting__locality", "nomination__subject_profile_by", "nomination__intelligence_profile_by"
    )


def earlier_open_actions(*, actor: Actor, listing: MatacListing) -> list[MatacAction]:
    """The nominee's actions agreed at earlier meetings and still open or in progress: reviewed at this one."""
    return list(
        with_overdue(matac_policy.visible_matac_actions(actor))
        .filter(nomination_id=listing.nomination_id, status__in=INCOMPLETE_STATUSES)
        .exclude(listing=listing)
        .select_related("listing__meeting")
        .order_by("due_date", "pk")
    )


# MATAC actions.


def overdue_condition(today: dt.date) -> Q:
    return Q(due_date__lt=today, status__in=INCOMPLETE_STATUSES)


def with_overdue(actions: QuerySet[MatacAction], today: dt.date | None = None) -> QuerySet[MatacAction]:
    today = today or timezone.localdate()
    return actions.annotate(
        is_overdue=Case(
            When(overdue_condition(today), then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


def action_list(*, actor: Actor, overdue_only: bool = False, incomplete_only: bool = True) -> QuerySet[MatacAction]:
    """The actor's MATAC actions (the whole locality's for the coordinator and chair), soonest due first."""
    today = timezone.localdate()
    actions = with_overdue(matac_policy.visible_matac_actions(actor), today).select_related("listing__meeting")
    if incomplete_only:
        actions = actions.filter(status__in=INCOMPLETE_STATUSES)
    if overdue_only:
        actions = actions.filter(overdue_condition(today))
    return actions.order_by("due_date", "pk")


def overdue_actions(*, actor: Actor) -> QuerySet[MatacAction]:
    return action_list(actor=actor, overdue_only=True)


def action_queryset(*, actor: Actor) -> QuerySet[MatacAction]:
    """Visible MATAC actions with their trail, for fetching one through the guard."""
    return (
        with_overdue(matac_policy.visible_matac_actions(actor))
        .select_related("listing__meeting", "created_by")
        .prefetch_related(Prefetch("updates", queryset=MatacActionUpdate.objects.select_related("author", "agency")))
    )
