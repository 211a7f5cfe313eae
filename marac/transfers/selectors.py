"""Reads for transfers: which transfers the actor sees, and the checks shown before sending or accepting one."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.fields.json import KT

from marac.access import policy
from marac.access.actor import Actor
from marac.access.models import CaseExclusion
from marac.meetings.models import AgendaItem, Meeting, Research
from marac.referrals.models import Case
from marac.transfers.matching import case_to_join, victim_matches
from marac.transfers.models import Transfer, TransferStatus
from marac.transfers.pack import HistoryPack


def visible_transfers(actor: Actor) -> QuerySet[Transfer]:
    """Transfers out of or into the actor's locality, for the roles the rulebook lets see them.

    A user barred from a case on either side sees no transfer of it.
    """
    if not policy.receives_case_information(actor) or not policy.has_permission(actor, "transfer.view"):
        return Transfer.objects.none()
    transfers = Transfer.objects.filter(Q(from_locality=actor.locality) | Q(to_locality=actor.locality)).select_related(
        "sending_case", "from_locality", "to_locality", "requested_by", "decided_by", "receiving_case"
    )
    if not actor.barred_from_cases:
        return transfers
    barred = CaseExclusion.objects.filter(user_id=actor.user.pk)
    return transfers.exclude(Exists(barred.filter(case_id=OuterRef("sending_case_id")))).exclude(
        Exists(barred.filter(case_id=OuterRef("receiving_case_id")))
    )


def is_sending_side(actor: Actor, transfer: Transfer) -> bool:
    return actor.locality is not None and transfer.from_locality_id == actor.locality.pk


def transfer_list(*, actor: Actor, incoming: bool) -> QuerySet[Transfer]:
    """The actor's locality's incoming or outgoing transfers, open requests first, newest first.

    The pack itself is not loaded: the victim's name and the sending reference are read from it in the query.
    """
    transfers = visible_transfers(actor)
    transfers = (
        transfers.filter(to_locality=actor.locality) if incoming else transfers.filter(from_locality=actor.locality)
    )
    return (
        transfers.defer("history_pack")
        .annotate(
            victim_given_name=KT("history_pack__victim__given_name"),
            victim_family_name=KT("history_pack__victim__family_name"),
            sending_reference=KT("history_pack__sending_reference"),
            awaiting_decision=Q(status=TransferStatus.REQUESTED),
        )
        .order_by("-awaiting_decision", "-requested_at", "-pk")
    )


def case_transfers(*, actor: Actor, case: Case) -> list[Transfer]:
    """The transfers of a case the actor sees (out of it, or into it), newest first: for the case page, which names
    only the other area."""
    transfers = (
        visible_transfers(actor)
        .filter(Q(sending_case=case) | Q(receiving_case=case))
        .defer("history_pack")
        .select_related(None)
        .select_related("from_locality", "to_locality")
    )
    return list(transfers.order_by("-requested_at", "-pk"))


def pack_of(transfer: Transfer) -> HistoryPack | None:
    """The pack as sent; None once the retention schedule has anonymised it."""
    return HistoryPack.from_json(transfer.history_pack) if transfer.history_pack else None


# The checks


@dataclass(frozen=True)
class Listing:
    """A case's place on the agenda of a meeting still to be held, and whether the agencies already have it."""

    item: AgendaItem
    circulated_at: dt.datetime | None
    research_posted: bool

    @property
    def meeting(self) -> Meeting:
        return self.item.meeting

    @property
    def agencies_have_it(self) -> bool:
        """Once the case list is circulated, or an agency has researched the case, it cannot quietly go."""
        return self.circulated_at is not None or self.research_posted


@dataclass(frozen=True)
class MeetingChecks:
    """Was the case heard, and is it listed on a meeting still to come?"""

    case: Case
    heard: tuple[Meeting, ...]  # oldest first
    upcoming: tuple[Listing, ...]

    @property
    def last_heard(self) -> Meeting | None:
        return self.heard[-1] if self.heard else None

    @property
    def on_circulated_list(self) -> bool:
        return any(listing.circulated_at is not None for listing in self.upcoming)


def agenda_items_checked(cases) -> QuerySet[AgendaItem]:
    """Every agenda item of `cases`, with whether its meeting's case list went out and whether any research came in."""
    return (
        AgendaItem.objects.filter(case__in=cases)
        .select_related("meeting")
        .annotate(
            circulated_at=F("meeting__circulation__circulated_at"),
            research_posted=Exists(Research.objects.filter(agenda_item=OuterRef("pk"))),
        )
        .order_by("meeting__scheduled_for", "pk")
    )


def meeting_checks(cases: list[Case]) -> list[MeetingChecks]:
    """The checks for each case, in the order given, in one query whatever the number of cases or meetings."""
    heard: dict[int, list[Meeting]] = {case.pk: [] for case in cases}
    upcoming: dict[int, list[Listing]] = {case.pk: [] for case in cases}
    for item in agenda_items_checked([case.pk for case in cases]):
        if item.meeting.is_held:
            heard[item.case_id].append(item.meeting)
        else:
            upcoming[item.case_id].append(
                Listing(item=item, circulated_at=item.circulated_at, research_posted=item.research_posted)
            )
    return [MeetingChecks(case=case, heard=tuple(heard[case.pk]), upcoming=tuple(upcoming[case.pk])) for case in cases]


@dataclass(frozen=True)
class ReceivingChecks:
    """What the receiving locality already knows of the victim."""

    cases: tuple[MeetingChecks, ...]  # her cases here the actor may see, most recently referred first
    joins_existing: bool  # accepting adds a referral to her open case here rather than opening one
    case_to_join: Case | None  # that case, when the actor may see it

    @property
    def heard_here(self) -> bool:
        return any(checks.heard for checks in self.cases)

    @property
    def on_circulated_list(self) -> bool:
        return any(checks.on_circulated_list for checks in self.cases)


def receiving_checks(*, actor: Actor, transfer: Transfer, pack: HistoryPack) -> ReceivingChecks:
    """For the receiving coordinator: the victim's cases in her own locality, matched by name and date of birth."""
    people = victim_matches(locality=transfer.to_locality, victim=pack.victim)
    cases = list(policy.visible_cases(actor).filter(victim__in=people).order_by("-last_referred_at", "-pk"))
    joined = case_to_join(locality=transfer.to_locality, victim=pack.victim) if transfer.is_open else None
    return ReceivingChecks(
        cases=tuple(meeting_checks(cases)),
        joins_existing=joined is not None,
        case_to_join=next((case for case in cases if joined is not None and case.pk == joined.pk), None),
    )
