"""Reads for pathways, always starting from what `marac.pathways.policy` lets the actor see.

Lists show both sides the same due dates: a response due from the receiving agency, then feedback due to the
referrer; an overdue one is overdue on both agencies' lists. A page of any length costs a fixed number of queries.
"""

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Case as CaseWhen
from django.db.models import F, IntegerField, QuerySet, Value, When
from django.utils import timezone

from marac.access import policy
from marac.access.actor import Actor
from marac.access.rules import Detail
from marac.agencies.models import Agency
from marac.pathways import policy as pathway_policy
from marac.pathways.models import EventKind, Pathway, PathwayEvent, PathwayReferral, PathwayReferralStatus
from marac.pathways.routing import MaracProposal, proposals_for, with_latest_assessment
from marac.people.models import Alias, Person
from marac.referrals.models import CaseParty, PartyRole
from marac.risk.assessment_selectors import AssessmentDisplay, assessment_display
from marac.risk.models import Assessment


class Direction(StrEnum):
    RECEIVED = "received"
    SENT = "sent"
    ALL = "all"  # the coordinator's view of the whole locality


def directions_for(actor: Actor) -> list[Direction]:
    if actor.role in pathway_policy.LOCALITY_WIDE:
        return [Direction.RECEIVED, Direction.SENT, Direction.ALL]
    return [Direction.RECEIVED, Direction.SENT]


def default_direction(actor: Actor) -> Direction:
    """Received, for an agency at the end of any pathway; otherwise what it sent."""
    receives = Pathway.objects.filter(to_agency=actor.agency).exists() if actor.agency else False
    return Direction.RECEIVED if receives else Direction.SENT


def referral_list(*, actor: Actor, direction: Direction, include_finished: bool) -> QuerySet[PathwayReferral]:
    """Open referrals first: awaiting a response, soonest due first, then accepted ones awaiting feedback; then the
    rest, newest first. Each row carries the due date that applies to it now (`due_at`)."""
    referrals = pathway_policy.visible_pathway_referrals(actor)
    if direction == Direction.RECEIVED:
        referrals = referrals.filter(to_agency=actor.agency)
    elif direction == Direction.SENT:
        referrals = referrals.filter(from_agency=actor.agency)
    if not include_finished:
        referrals = referrals.filter(status__in=(PathwayReferralStatus.AWAITING, PathwayReferralStatus.ACCEPTED))
    referrals = referrals.annotate(
        rank=CaseWhen(
            When(status=PathwayReferralStatus.AWAITING, then=Value(0)),
            When(status=PathwayReferralStatus.ACCEPTED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        due_at=CaseWhen(
            When(status=PathwayReferralStatus.AWAITING, then=F("response_due_at")),
            When(status=PathwayReferralStatus.ACCEPTED, first_feedback_at__isnull=True, then=F("feedback_due_at")),
            default=None,
        ),
    )
    return with_latest_assessment(referrals).order_by("rank", F("due_at").asc(nulls_last=True), "-sent_at", "-pk")


@dataclass(frozen=True)
class ListRow:
    referral: PathwayReferral
    proposal: MaracProposal
    overdue: bool


def list_rows(*, actor: Actor, referrals: list[PathwayReferral], now: dt.datetime | None = None) -> list[ListRow]:
    now = now or timezone.now()
    proposals = proposals_for(referrals, locality=actor.locality, now=now)
    return [
        ListRow(
            referral=referral,
            proposal=proposals[referral.pk],
            overdue=referral.response_overdue(now) or referral.feedback_overdue(now),
        )
        for referral in referrals
    ]


def visible_referrals(*, actor: Actor) -> QuerySet[PathwayReferral]:
    """For fetching one referral through the guard."""
    return with_latest_assessment(pathway_policy.visible_pathway_referrals(actor)).select_related(
        "case__locality", "responded_by", "marac_referral__case"
    )


def pathway_assessments(referral: PathwayReferral) -> QuerySet[Assessment]:
    """The assessments of her case since the referral was sent with its own, oldest first: the pathway's history
    of her risk, whichever agency recorded them."""
    return (
        Assessment.objects.filter(case_id=referral.case_id, assessed_at__gte=referral.assessment.assessed_at)
        .select_related("agency", "assessed_by", "instrument", "case__locality")
        .order_by("assessed_at", "pk")
    )


class EntryKind(StrEnum):
    EVENT = "event"
    ASSESSMENT = "assessment"


@dataclass(frozen=True)
class TimelineEntry:
    occurred_at: dt.datetime
    agency: Agency
    event: PathwayEvent | None = None
    assessment: Assessment | None = None

    @property
    def kind(self) -> str:
        return EntryKind.EVENT if self.event is not None else EntryKind.ASSESSMENT


def timeline(*, events: list[PathwayEvent], assessments: list[Assessment]) -> list[TimelineEntry]:
    """Events and assessments in the order they happened; the assessment a referral was sent with, dated with it,
    comes after its sending."""
    entries = [TimelineEntry(event.occurred_at, event.agency, event=event) for event in events]
    entries += [TimelineEntry(item.assessed_at, item.agency, assessment=item) for item in assessments]
    order = {EntryKind.EVENT: 0, EntryKind.ASSESSMENT: 1}
    return sorted(entries, key=lambda entry: (entry.occurred_at, order[entry.kind]))


def referral_events(referral: PathwayReferral) -> list[PathwayEvent]:
    events = PathwayEvent.objects.filter(referral=referral).select_related("agency", "by")
    return list(events.order_by("occurred_at", "pk"))


@dataclass
class ReferralPage:
    """Everything the page of one pathway referral shows, in a fixed number of queries."""

    referral: PathwayReferral
    victim: Person
    victim_aliases: list[Alias]
    perpetrators: list[CaseParty]
    children: list[CaseParty]
    assessments: list[Assessment]
    entries: list[TimelineEntry]
    proposal: MaracProposal
    latest_display: AssessmentDisplay | None
    may_see_safe_address: bool
    may_respond: bool
    may_feed_back: bool
    may_assess: bool
    may_refer_to_marac: bool
    marac_referral_visible: bool
    readable_assessment_ids: set[int] = field(default_factory=set)

    @property
    def response_overdue(self) -> bool:
        return self.referral.response_overdue()

    @property
    def feedback_overdue(self) -> bool:
        return self.referral.feedback_overdue()

    @property
    def feedback(self) -> list[PathwayEvent]:
        return [entry.event for entry in self.entries if entry.event and entry.event.kind == EventKind.FEEDBACK]


def readable_assessments(referral: PathwayReferral, assessments: list[Assessment]) -> set[int]:
    """The answers of an assessment are read on the pathway when one of its two agencies recorded it; others (the
    MARAC's, say, on a case already heard) show their result only, and are read on the case."""
    agencies = {referral.from_agency_id, referral.to_agency_id}
    return {assessment.pk for assessment in assessments if assessment.agency_id in agencies}


def referral_page(*, actor: Actor, referral: PathwayReferral) -> ReferralPage:
    victim = referral.case.victim
    parties = list(
        CaseParty.objects.filter(case_id=referral.case_id, role__in=(PartyRole.PERPETRATOR, PartyRole.CHILD))
        .select_related("person")
        .order_by("role", "person__family_name", "person__given_name", "pk")
    )
    assessments = list(pathway_assessments(referral))
    latest = assessments[-1] if assessments else None
    proposal = proposals_for([referral], locality=actor.locality)[referral.pk]
    readable = readable_assessments(referral, assessments)
    marac_visible = (
        referral.marac_referral_id is not None
        and policy.visible_referrals(actor).filter(pk=referral.marac_referral_id).exists()
    )
    return ReferralPage(
        referral=referral,
        victim=victim,
        victim_aliases=list(Alias.objects.filter(person_id=victim.pk).order_by("name")),
        perpetrators=[party for party in parties if party.role == PartyRole.PERPETRATOR],
        children=[party for party in parties if party.role == PartyRole.CHILD],
        assessments=assessments,
        entries=timeline(events=referral_events(referral), assessments=assessments),
        proposal=proposal,
        latest_display=assessment_display(latest) if latest is not None and latest.pk in readable else None,
        # What the two agencies share about her is what a meeting shares: the safe address follows the same rule.
        may_see_safe_address=policy.may_see_safe_address(actor, Detail.SHARED),
        may_respond=referral.status == PathwayReferralStatus.AWAITING and pathway_policy.may_respond(actor, referral),
        may_feed_back=referral.status == PathwayReferralStatus.ACCEPTED and pathway_policy.may_respond(actor, referral),
        may_assess=referral.is_open and pathway_policy.may_assess(actor, referral),
        may_refer_to_marac=referral.marac_referral_id is None
        and proposal.referred_since is None
        and pathway_policy.may_refer_to_marac(actor, referral),
        marac_referral_visible=marac_visible,
        readable_assessment_ids=readable,
    )
