"""Reads for meetings, always starting from what the actor may see.

An invited agency sees a case on an agenda only through `MinimalListing`: the identifiers it needs to search
its own records and the basis on which the case is shared (`ConsentDecision`), and nothing else of the referral.
Templates for agencies never receive the agenda item itself, and nothing of the list before it is circulated
(`CASE_LIST_RELEASED`).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from marac.access import policy
from marac.access.actor import Actor
from marac.actions.models import INCOMPLETE_STATUSES, Action
from marac.actions.selectors import incomplete_actions_for_review
from marac.agencies.models import Agency
from marac.meetings.models import (
    AgendaItem,
    Attendance,
    CaseOutcome,
    Declaration,
    Meeting,
    MeetingPurpose,
    MeetingStatus,
    Research,
)
from marac.people.models import Alias, Person
from marac.referrals.models import CaseParty, PartyRole, Referral


def meetings_for_list(*, actor: Actor) -> tuple[QuerySet[Meeting], QuerySet[Meeting]]:
    """The actor's MARAC meetings: those not yet closed (soonest first) and closed ones (latest first). MATAC
    meetings have their own list (`marac.matac`)."""
    own_agency = actor.agency.pk if actor.agency else None
    meetings = (
        policy.visible_meetings(actor)
        .filter(purpose=MeetingPurpose.MARAC)
        .annotate(
            case_count=Count("agenda_items", distinct=True),
            own_research_count=Count(
                "agenda_items__research", filter=Q(agenda_items__research__agency_id=own_agency), distinct=True
            ),
        )
    )
    upcoming = meetings.exclude(status=MeetingStatus.CLOSED).order_by("scheduled_for", "pk")
    past = meetings.filter(status=MeetingStatus.CLOSED).order_by("-scheduled_for", "-pk")
    return upcoming, past


def meeting_queryset(*, actor: Actor) -> QuerySet[Meeting]:
    """Every meeting the actor may see, MARAC or MATAC: for what both share (the declaration, the calendar)."""
    return policy.visible_meetings(actor).select_related("locality", "chair", "circulation__circulated_by")


def marac_meeting_queryset(*, actor: Actor) -> QuerySet[Meeting]:
    """The MARAC meetings the actor may see: for pages built on a case list (a MATAC meeting is not found there)."""
    return meeting_queryset(actor=actor).filter(purpose=MeetingPurpose.MARAC)


def invited_agencies(meeting: Meeting) -> list[Agency]:
    return list(meeting.invited_agencies.order_by("name"))


# Minimal identifiers, for invited agencies' research.


@dataclass(frozen=True)
class PersonIdentifiers:
    name: str
    aliases: tuple[str, ...]
    date_of_birth: dt.date | None


@dataclass(frozen=True)
class ConsentDecision:
    """Whether the victim consented to her case being shared and, if not, why it is shared and who approved it.

    Carries the same names as the referral's fields, so `components/consent_decision.html` shows either.
    """

    consent: str
    sharing_without_consent_reason: str
    sharing_approved_by: str

    @classmethod
    def of(cls, referral: Referral) -> "ConsentDecision":
        return cls(
            consent=referral.consent,
            sharing_without_consent_reason=referral.sharing_without_consent_reason,
            sharing_approved_by=referral.sharing_approved_by,
        )


@dataclass(frozen=True)
class MinimalListing:
    item_id: int
    case_id: int
    position: int
    reference: str
    victim: PersonIdentifiers
    perpetrators: tuple[PersonIdentifiers, ...]
    children: tuple[PersonIdentifiers, ...]
    own_research: Research | None
    consent: ConsentDecision


def _identifiers(person: Person) -> PersonIdentifiers:
    return PersonIdentifiers(
        name=person.full_name,
        aliases=tuple(alias.name for alias in person.aliases.all()),
        date_of_birth=person.date_of_birth,
    )


def _with_identifiers(items: QuerySet[AgendaItem], agency: Agency | None) -> QuerySet[AgendaItem]:
    parties = (
        CaseParty.objects.filter(role__in=[PartyRole.PERPETRATOR, PartyRole.CHILD])
        .select_related("person")
        .prefetch_related(Prefetch("person__aliases", queryset=Alias.objects.order_by("name")))
        .order_by("person__date_of_birth", "pk")
    )
    return items.prefetch_related(
        Prefetch("case__victim__aliases", queryset=Alias.objects.order_by("name")),
        Prefetch("case__parties", queryset=parties, to_attr="identifiable_parties"),
        Prefetch("research", queryset=Research.objects.filter(agency=agency), to_attr="own_research"),
    )


# Invited agencies see a meeting's case list once it has been circulated (marac.circulation), or once the meeting
# has started without it: an emergency meeting called and held within the hour.
CASE_LIST_RELEASED = Q(meeting__circulation__isnull=False) | ~Q(meeting__status=MeetingStatus.SCHEDULED)


def agenda_items_with_identifiers(*, actor: Actor) -> QuerySet[AgendaItem]:
    """Visible agenda items of released case lists, ready to be turned into minimal listings for the actor's
    agency."""
    items = policy.visible_agenda_items(actor).filter(CASE_LIST_RELEASED)
    return _with_identifiers(items, actor.agency).select_related("meeting__locality")


def minimal_listing(item: AgendaItem) -> MinimalListing:
    """Project an item fetched through `agenda_items_with_identifiers` onto its minimal identifiers."""
    parties = item.case.identifiable_parties
    return MinimalListing(
        item_id=item.pk,
        case_id=item.case_id,
        position=item.position,
        reference=item.case.reference,
        victim=_identifiers(item.case.victim),
        perpetrators=tuple(_identifiers(p.person) for p in parties if p.role == PartyRole.PERPETRATOR),
        children=tuple(_identifiers(p.person) for p in parties if p.role == PartyRole.CHILD),
        own_research=item.own_research[0] if item.own_research else None,
        consent=ConsentDecision.of(item.referral),
    )


def agenda_minimal(*, actor: Actor, meeting: Meeting) -> list[MinimalListing]:
    """The case list an invited agency researches: identifiers only, and nothing before it is circulated."""
    items = agenda_items_with_identifiers(actor=actor).filter(meeting=meeting).order_by("position", "pk")
    return [minimal_listing(item) for item in items]


# The coordinator's and chair's agenda.


@dataclass(frozen=True)
class ResearchCell:
    agency: Agency
    research: Research | None


@dataclass(frozen=True)
class AgendaRow:
    item: AgendaItem
    criteria: list[str]
    research: list[ResearchCell]
    research_posted: int
    incomplete_actions: list[Action]


def research_cells(item: AgendaItem, agencies: list[Agency]) -> list[ResearchCell]:
    by_agency = {research.agency_id: research for research in item.research.all()}
    return [ResearchCell(agency=agency, research=by_agency.get(agency.pk)) for agency in agencies]


def agenda_overview(*, actor: Actor, meeting: Meeting, agencies: list[Agency]) -> list[AgendaRow]:
    """Every case on the agenda with its criteria, the research each invited agency posted, and the
    actions from earlier meetings still to be reviewed. The meeting, already read, is not joined again, nor are the
    actions' cases, which the agenda names from its own rows."""
    items = list(
        policy.visible_agenda_items(actor)
        .filter(meeting=meeting)
        .select_related(None)
        .select_related("case__victim", "referral")
        .prefetch_related(Prefetch("research", queryset=Research.objects.select_related("agency")))
        .order_by("position", "pk")
    )
    for item in items:
        item.meeting = meeting
    to_review: dict[int, list[Action]] = {}
    earlier = incomplete_actions_for_review(actor=actor, meeting=meeting).select_related(None)
    for action in earlier.select_related("owner_agency", "agenda_item__meeting"):
        to_review.setdefault(action.case_id, []).append(action)
    rows = []
    for item in items:
        cells = research_cells(item, agencies)
        rows.append(
            AgendaRow(
                item=item,
                criteria=item.referral.criteria_met,
                research=cells,
                research_posted=sum(1 for cell in cells if cell.research is not None),
                incomplete_actions=to_review.get(item.case_id, []),
            )
        )
    return rows


def agenda_for_running(*, actor: Actor, meeting: Meeting) -> list[AgendaItem]:
    """The agenda in order, with each case's victim, for the chair's running order."""
    return list(policy.visible_agenda_items(actor).filter(meeting=meeting).order_by("position", "pk"))


def attendance_by_agency(*, meeting: Meeting) -> dict[int, Attendance]:
    return {attendance.agency_id: attendance for attendance in meeting.attendance.all()}


def agenda_item_for_meeting_queryset(*, actor: Actor) -> QuerySet[AgendaItem]:
    """Visible agenda items with what the chair needs to discuss one case."""
    return (
        _with_identifiers(policy.visible_agenda_items(actor), actor.agency)
        .select_related("meeting__locality", "referral__referring_agency", "referral__assessment", "case__idva_agency")
        .prefetch_related(
            Prefetch(
                "research", queryset=Research.objects.select_related("agency", "submitted_by").order_by("agency__name")
            ),
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("owner_agency", "catalogue_action").order_by("pk"),
                to_attr="agreed_actions",
            ),
        )
    )


def default_outcomes(*, actor: Actor, meeting: Meeting) -> dict[int, str]:
    """The outcome proposed for each case when closing: monitoring while any action is open, else closed."""
    open_actions = Action.objects.filter(case=OuterRef("case"), status__in=INCOMPLETE_STATUSES)
    items = (
        policy.visible_agenda_items(actor)
        .filter(meeting=meeting)
        .annotate(has_open_actions=Exists(open_actions))
        .values_list("pk", "has_open_actions")
    )
    return {pk: CaseOutcome.MONITORING if has_open else CaseOutcome.CLOSED for pk, has_open in items}


# The confidentiality declaration.


def declaration_needed(*, actor: Actor, meeting: Meeting) -> bool:
    """While a meeting is in progress, its cases are opened only after confirming the declaration.

    Before it starts agencies research from identifiers alone, and once it closes nothing more is shared at it,
    so no declaration is asked then.
    """
    if meeting.status != MeetingStatus.IN_PROGRESS:
        return False
    return own_declaration(actor=actor, meeting=meeting) is None


def own_declaration(*, actor: Actor, meeting: Meeting) -> Declaration | None:
    if actor.user is None or actor.agency is None:
        return None
    return Declaration.objects.filter(meeting=meeting, user=actor.user, agency=actor.agency).first()


@dataclass(frozen=True)
class DeclarationsAtMeeting:
    by_agency: dict[int, list[Declaration]]
    others: list[Declaration]  # people acting for an agency that was not invited: the chair or the coordinator


def declarations_at(*, meeting: Meeting, agencies: list[Agency]) -> DeclarationsAtMeeting:
    """Who has confirmed the declaration, grouped by the invited agency they act for, earliest first."""
    invited = {agency.pk for agency in agencies}
    by_agency: dict[int, list[Declaration]] = {}
    others = []
    for declaration in meeting.declarations.select_related("user", "agency").order_by("confirmed_at", "pk"):
        if declaration.agency_id in invited:
            by_agency.setdefault(declaration.agency_id, []).append(declaration)
        else:
            others.append(declaration)
    return DeclarationsAtMeeting(by_agency=by_agency, others=others)
