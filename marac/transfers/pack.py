"""The history pack: what goes with a transferred case, as far as the sending area's agreement allows.

Three levels (`Locality.transfer_history_sharing`), each including the one before:

- identifiers: the victim's and perpetrators' names, other names and dates of birth, the number and ages of the
  children, the consent decision and the reason for the transfer;
- summary: + risk levels with their dates, the meetings that heard the case with dates and outcomes, and the
  open actions by owner agency and due date;
- full: + each meeting's risk summary, discussion and the agencies' research.

The pack is taken once, when the transfer is requested, and stored as JSON: the receiving area reads what was
sent, not the sending case as it is now, which stays outside its scope.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext

from marac.actions.models import INCOMPLETE_STATUSES, Action
from marac.agencies.models import TransferSharing
from marac.meetings.models import AgendaItem, MeetingStatus, Research
from marac.people.ages import age_on
from marac.people.models import Person
from marac.referrals.models import Case, CaseParty, Consent, PartyRole, Referral
from marac.risk.models import Assessment
from marac.risk.scales import SCALES

# The levels in order: a level includes every level before it.
LEVEL_ORDER = (TransferSharing.IDENTIFIERS, TransferSharing.SUMMARY, TransferSharing.FULL)


def includes(level: str, wanted: str) -> bool:
    return LEVEL_ORDER.index(level) >= LEVEL_ORDER.index(wanted)


# Building


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _person_identifiers(person: Person) -> dict:
    return {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "aliases": [alias.name for alias in person.aliases.all()],
        "date_of_birth": _iso(person.date_of_birth),
    }


def _consent(referral: Referral | None) -> dict | None:
    if referral is None:
        return None
    return {
        "decision": referral.consent,
        "sharing_without_consent_reason": referral.sharing_without_consent_reason,
        "sharing_approved_by": referral.sharing_approved_by,
    }


def _identifiers(case: Case, *, reason: str, today: dt.date) -> dict:
    parties = list(
        CaseParty.objects.filter(case=case, role__in=(PartyRole.PERPETRATOR, PartyRole.CHILD))
        .select_related("person")
        .prefetch_related("person__aliases")
        .order_by("pk")
    )
    latest = Referral.objects.filter(case=case).order_by("-referred_at", "-pk").first()
    victim = Person.objects.prefetch_related("aliases").get(pk=case.victim_id)
    children = [party.person for party in parties if party.role == PartyRole.CHILD]
    ages = sorted(age_on(child.date_of_birth, today) for child in children if child.date_of_birth is not None)
    return {
        "reason": reason,
        "consent": _consent(latest),
        "victim": _person_identifiers(victim),
        "perpetrators": [
            {**_person_identifiers(party.person), "relationship_to_victim": party.relationship_to_victim}
            for party in parties
            if party.role == PartyRole.PERPETRATOR
        ],
        "children": {
            "count": max(len(children), latest.children_in_household if latest else 0),
            "ages": ages,
        },
    }


def _risk_levels(case: Case) -> list[dict]:
    assessments = (
        Assessment.objects.filter(case=case)
        .select_related("agency")
        .only("assessed_at", "final_level", "scale", "instrument_code", "instrument_version", "agency__name")
        .order_by("assessed_at", "pk")
    )
    return [
        {
            "assessed_at": _iso(assessment.assessed_at),
            "level": assessment.final_level,
            "label": str(SCALES[assessment.scale].label(assessment.final_level)),
            "instrument": f"{assessment.instrument_code} {assessment.instrument_version}",
            "agency": assessment.agency.name,
        }
        for assessment in assessments
    ]


def _meetings_heard(case: Case, *, with_content: bool) -> list[dict]:
    items = (
        AgendaItem.objects.filter(case=case)
        .exclude(meeting__status=MeetingStatus.SCHEDULED)
        .select_related("meeting")
        .order_by("meeting__scheduled_for", "pk")
    )
    if with_content:
        items = items.prefetch_related("research__agency")
    meetings = []
    for item in items:
        entry = {
            "held_on": _iso(item.meeting.scheduled_for),
            "kind": item.meeting.get_mode_display(),
            "outcome": item.get_outcome_display() if item.outcome else "",
        }
        if with_content:
            entry |= {
                "risk_summary": item.risk_summary,
                "discussion": item.discussion,
                "research": [
                    {
                        "agency": research.agency.name,
                        "finding": research.get_finding_display(),
                        "details": research.details,
                    }
                    for research in sorted(item.research.all(), key=_research_order)
                ],
            }
        meetings.append(entry)
    return meetings


def _research_order(research: Research) -> tuple:
    return (research.agency.name, research.pk)


def _open_actions(case: Case) -> list[dict]:
    actions = (
        Action.objects.filter(case=case, status__in=INCOMPLETE_STATUSES)
        .select_related("owner_agency")
        .order_by("owner_agency__name", "due_date", "pk")
    )
    return [
        {
            "owner_agency": action.owner_agency.name,
            "text": action.text,
            "due_date": _iso(action.due_date),
            "status": action.get_status_display(),
        }
        for action in actions
    ]


def history_pack_build(*, case: Case, level: str, reason: str, now: dt.datetime) -> dict:
    """The pack for `case` at `level`, as JSON-ready data. Nothing above the level is read, let alone stored."""
    # Stored, and read by another area: its labels are kept in English, whatever language the sender's pages are in.
    with translation.override(None):
        return _pack(case=case, level=level, reason=reason, now=now)


def _pack(*, case: Case, level: str, reason: str, now: dt.datetime) -> dict:
    pack = {
        "level": level,
        "taken_at": _iso(now),
        "sending_locality": str(case.locality),
        "sending_reference": case.reference,
        **_identifiers(case, reason=reason, today=timezone.localdate(now)),
    }
    if includes(level, TransferSharing.SUMMARY):
        pack["risk_levels"] = _risk_levels(case)
        pack["meetings"] = _meetings_heard(case, with_content=includes(level, TransferSharing.FULL))
        pack["open_actions"] = _open_actions(case)
    return pack


# Reading


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class PackPerson:
    given_name: str
    family_name: str
    aliases: tuple[str, ...]
    date_of_birth: dt.date | None
    relationship_to_victim: str = ""

    @classmethod
    def from_json(cls, data: dict) -> "PackPerson":
        return cls(
            given_name=data.get("given_name", ""),
            family_name=data.get("family_name", ""),
            aliases=tuple(data.get("aliases") or ()),
            date_of_birth=_date(data.get("date_of_birth")),
            relationship_to_victim=data.get("relationship_to_victim", ""),
        )

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def all_names(self) -> list[str]:
        return [self.full_name, *self.aliases]


@dataclass(frozen=True)
class PackRiskLevel:
    assessed_at: dt.datetime | None
    level: str
    label: str
    instrument: str
    agency: str


@dataclass(frozen=True)
class PackResearch:
    agency: str
    finding: str
    details: str


@dataclass(frozen=True)
class PackMeeting:
    held_on: dt.datetime | None
    kind: str
    outcome: str
    risk_summary: str
    discussion: str
    research: tuple[PackResearch, ...]


@dataclass(frozen=True)
class PackAction:
    owner_agency: str
    text: str
    due_date: dt.date | None
    status: str


@dataclass(frozen=True)
class HistoryPack:
    """A stored pack, read back for display."""

    level: str
    taken_at: dt.datetime | None
    sending_locality: str
    sending_reference: str
    reason: str
    consent: str
    sharing_without_consent_reason: str
    sharing_approved_by: str
    victim: PackPerson
    perpetrators: tuple[PackPerson, ...]
    children_count: int
    children_ages: tuple[int, ...]
    risk_levels: tuple[PackRiskLevel, ...]
    meetings: tuple[PackMeeting, ...]
    open_actions: tuple[PackAction, ...]

    @classmethod
    def from_json(cls, data: dict) -> "HistoryPack":
        consent = data.get("consent") or {}
        children = data.get("children") or {}
        return cls(
            level=data["level"],
            taken_at=_datetime(data.get("taken_at")),
            sending_locality=data.get("sending_locality", ""),
            sending_reference=data.get("sending_reference", ""),
            reason=data.get("reason", ""),
            consent=consent.get("decision", ""),
            sharing_without_consent_reason=consent.get("sharing_without_consent_reason", ""),
            sharing_approved_by=consent.get("sharing_approved_by", ""),
            victim=PackPerson.from_json(data.get("victim") or {}),
            perpetrators=tuple(PackPerson.from_json(entry) for entry in data.get("perpetrators", ())),
            children_count=children.get("count", 0),
            children_ages=tuple(children.get("ages", ())),
            risk_levels=tuple(
                PackRiskLevel(
                    assessed_at=_datetime(entry.get("assessed_at")),
                    level=entry.get("level", ""),
                    label=entry.get("label", ""),
                    instrument=entry.get("instrument", ""),
                    agency=entry.get("agency", ""),
                )
                for entry in data.get("risk_levels", ())
            ),
            meetings=tuple(
                PackMeeting(
                    held_on=_datetime(entry.get("held_on")),
                    kind=entry.get("kind", ""),
                    outcome=entry.get("outcome", ""),
                    risk_summary=entry.get("risk_summary", ""),
                    discussion=entry.get("discussion", ""),
                    research=tuple(PackResearch(**research) for research in entry.get("research", ())),
                )
                for entry in data.get("meetings", ())
            ),
            open_actions=tuple(
                PackAction(
                    owner_agency=entry.get("owner_agency", ""),
                    text=entry.get("text", ""),
                    due_date=_date(entry.get("due_date")),
                    status=entry.get("status", ""),
                )
                for entry in data.get("open_actions", ())
            ),
        )

    @property
    def level_label(self) -> str:
        return TransferSharing(self.level).label

    @property
    def includes_summary(self) -> bool:
        return includes(self.level, TransferSharing.SUMMARY)

    @property
    def includes_full(self) -> bool:
        return includes(self.level, TransferSharing.FULL)

    @property
    def consent_label(self) -> str:
        return (
            Consent(self.consent).label if self.consent in Consent.values else gettext("No consent decision recorded")
        )
