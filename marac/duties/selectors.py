"""Reads of referral-back duties, scoped by the access rules, and of the protocol's duties.

An agency sees its own duties; the coordinator and the chair see every duty of the locality, and which are unmet.
The "must not see" list reaches here too: a user barred from a case sees no duty on it. Without a signed sharing
agreement, nothing. The protocol's duties are configuration, not case data: every member may read them.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.access.models import CaseExclusion
from marac.access.rules import Detail
from marac.agencies.models import AgencyType, Locality
from marac.duties.models import MET_STATUSES, Duty, DutyStatus, EventKind, ProtocolDuty, ReportedEvent
from marac.duties.services import hours_to_answer
from marac.referrals.case_rows import rows_on_case
from marac.referrals.models import Case
from marac.risk.scales import SCALES

# How many disclosures and moves, and duties, the case page lists, newest first.
CASE_PAGE_ROWS = 20


def unmet(now: dt.datetime) -> Q:
    """Neither referred back nor answered with a reason, and the answer was due."""
    return Q(status=DutyStatus.OPEN, due_at__lte=now)


def waiting(now: dt.datetime) -> Q:
    return Q(status=DutyStatus.OPEN, due_at__gt=now)


# The coordinator's views of the locality's duties: (filter, order).
MONITOR_VIEWS = {
    "unmet": (unmet, ("due_at", "pk")),
    "waiting": (waiting, ("due_at", "pk")),
    "declined": (lambda now: Q(status=DutyStatus.DECLINED), ("-answered_at", "-pk")),
    "met": (lambda now: Q(status__in=MET_STATUSES), ("-answered_at", "-pk")),
}


def visible_duties(actor: Actor) -> QuerySet[Duty]:
    if not policy.receives_case_information(actor):
        return Duty.objects.none()
    duties = Duty.objects.filter(locality=actor.locality).select_related(
        "case__victim", "agency", "referral", "raised_by", "answered_by"
    )
    if actor.barred_from_cases:
        duties = duties.exclude(case_id__in=CaseExclusion.objects.filter(user_id=actor.user.pk).values("case_id"))
    if policy.has_permission(actor, "duty.monitor"):
        return duties
    if policy.has_permission(actor, "duty.respond"):
        return duties.filter(agency=actor.agency)
    return Duty.objects.none()


def our_duties(*, actor: Actor, answered: bool = False) -> QuerySet[Duty]:
    """The acting agency's duties: open ones, soonest due first; or answered ones, latest first."""
    duties = visible_duties(actor).filter(agency=actor.agency)
    if answered:
        return duties.exclude(status=DutyStatus.OPEN).order_by("-answered_at", "-pk")
    return duties.filter(status=DutyStatus.OPEN).order_by("due_at", "pk")


def monitored_duties(*, actor: Actor, view: str, now: dt.datetime | None = None) -> QuerySet[Duty]:
    """The locality's duties for the coordinator and the chair, in one of `MONITOR_VIEWS`."""
    if not policy.has_permission(actor, "duty.monitor"):
        return Duty.objects.none()
    condition, order = MONITOR_VIEWS[view]
    return visible_duties(actor).filter(condition(now or timezone.now())).order_by(*order)


def monitor_counts(*, actor: Actor, now: dt.datetime | None = None) -> dict[str, int]:
    """How many duties each of `MONITOR_VIEWS` holds, in one query."""
    now = now or timezone.now()
    if not policy.has_permission(actor, "duty.monitor"):
        return dict.fromkeys(MONITOR_VIEWS, 0)
    return visible_duties(actor).aggregate(
        **{name: Count("pk", filter=condition(now)) for name, (condition, _order) in MONITOR_VIEWS.items()}
    )


def duties_raised_in_request(*, actor: Actor) -> list[Duty]:
    """The duties the acting agency's event raised in this request, to show them at once."""
    if actor.agency is None or not actor.request_id:
        return []
    return list(visible_duties(actor).filter(agency=actor.agency, request_id=actor.request_id).order_by("pk"))


def duty_with_event(duties: QuerySet[Duty]) -> QuerySet[Duty]:
    """Duties with the record of their event, for the duty's own page."""
    return duties.select_related(
        "case__locality", "incident", "breach__order", "assessment", "reported_event", "referral__referring_agency"
    )


@dataclass(frozen=True)
class CasePanel:
    events: list[ReportedEvent]
    duties: list[Duty]


def case_panel(*, actor: Actor, case: Case, detail: Detail) -> CasePanel:
    """The disclosures and moves recorded on a case, and the duties on it the actor may see: for readers with shared
    detail or more (two queries; none below)."""
    if detail < Detail.SHARED:
        return CasePanel(events=[], duties=[])
    events = list(
        ReportedEvent.objects.filter(case=case)
        .select_related("agency")
        .order_by("-occurred_at", "-pk")[:CASE_PAGE_ROWS]
    )
    duties = rows_on_case(
        visible_duties(actor).filter(case=case).order_by("-raised_at", "-pk"), case, "agency", limit=CASE_PAGE_ROWS
    )
    return CasePanel(events=events, duties=duties)


# The protocol


@dataclass(frozen=True)
class ProtocolRow:
    agency_type: str
    label: str | Promise
    events: list[bool]  # in the order of EventKind

    @property
    def any(self) -> bool:
        return any(self.events)


def protocol_duties(*, locality: Locality) -> dict[str, list[str]]:
    """The event kinds each agency type owes a duty for."""
    listed: dict[str, list[str]] = {agency_type: [] for agency_type in AgencyType.values}
    rows = ProtocolDuty.objects.filter(locality=locality).values_list("agency_type", "event_kind")
    for agency_type, kind in rows.order_by("agency_type", "event_kind"):
        listed.setdefault(agency_type, []).append(kind)
    return listed


def protocol_grid(*, locality: Locality) -> list[ProtocolRow]:
    listed = protocol_duties(locality=locality)
    return [
        ProtocolRow(
            agency_type=agency_type,
            label=label,
            events=[kind in listed.get(agency_type, []) for kind in EventKind.values],
        )
        for agency_type, label in AgencyType.choices
    ]


def answer_time(*, locality: Locality) -> int:
    """Hours an agency has to answer a duty in the locality."""
    return hours_to_answer(locality.pk)


def event_summary(duty: Duty) -> str:
    """What happened, for the duty's page: the words of the record that holds the event."""
    if duty.incident is not None:
        return f"{duty.incident.get_incident_type_display()}: {duty.incident.summary}"
    if duty.breach is not None:
        return duty.breach.description
    if duty.assessment is not None:
        assessment = duty.assessment
        return gettext("Risk assessed as %(level)s.") % {
            "level": SCALES[assessment.scale].label(assessment.final_level)
        }
    if duty.reported_event is not None:
        return duty.reported_event.note
    return ""
