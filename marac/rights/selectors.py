"""Reads for the victims' rights log, releases and escapes, and the provisions checklist, each starting from the
access policy's scoped querysets.

The rights log is case data at full detail: the coordinator and chair of the case's locality and its IDVA service
see it, nobody else. A release or escape is seen by whoever is shown the perpetrator; the victims it lists only by
those who see their case at full detail.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from marac.access import perpetrator_policy, policy
from marac.access.actor import Actor
from marac.access.guard import CaseAccess
from marac.access.rules import CASE_DETAIL_BY_ROLE, Detail
from marac.agencies.models import Locality
from marac.people.models import Person
from marac.referrals.models import Case, CaseParty, PartyRole
from marac.rights.models import (
    CHOICE_ORDER,
    FIRST_CONTACT_TOPICS,
    TOPIC_PROVISIONS,
    CustodyEvent,
    InformationGiven,
    InformationTopic,
    NeedsAssessment,
    NotificationChoice,
    ProvisionCheck,
    ReleaseNotification,
)
from marac.rights.provisions import PROVISIONS, PROVISIONS_BY_CODE, ProcessPart, Provision


def cases_in_full(actor: Actor) -> QuerySet[Case]:
    """The cases the actor sees with full detail: those whose rights log she may read."""
    full = [relation for relation, detail in CASE_DETAIL_BY_ROLE.get(actor.role, {}).items() if detail >= Detail.FULL]
    if not full:
        return Case.objects.none()
    any_full = Q()
    for relation in full:
        any_full |= Q(**{policy.RELATION_FIELD[relation]: True})
    return policy.visible_cases(actor).filter(any_full)


def current_choice_of(case_field: str = "case_id") -> Subquery:
    """Whether her choice in force is to be told (None when she never said), for rows with a case."""
    latest = NotificationChoice.objects.filter(case_id=OuterRef(case_field)).order_by(*CHOICE_ORDER)
    return Subquery(latest.values("wants_to_be_told")[:1], output_field=BooleanField())


def with_state(notifications: QuerySet[ReleaseNotification]) -> QuerySet[ReleaseNotification]:
    """Annotate `wants_now` (her choice in force today) and `outstanding` (she asked, still wants, not yet told)."""
    return notifications.annotate(wants_now=Coalesce(current_choice_of(), Value(False))).annotate(
        outstanding=ExpressionWrapper(
            Q(told_at__isnull=True, victim_opted_in=True, wants_now=True), output_field=BooleanField()
        )
    )


# The rights log of one case


@dataclass(frozen=True)
class TopicState:
    topic: InformationTopic
    provisions: list[Provision]
    last_given_at: dt.datetime | None
    first_contact: bool


@dataclass
class RightsLog:
    access: CaseAccess
    information: list[InformationGiven]
    choices: list[NotificationChoice]
    notifications: list[ReleaseNotification]
    assessments: list[NeedsAssessment]
    perpetrators: list[CaseParty] = field(default_factory=list)

    @property
    def case(self) -> Case:
        return self.access.case

    @property
    def victim(self) -> Person:
        return self.access.case.victim

    @property
    def current_choice(self) -> NotificationChoice | None:
        return self.choices[0] if self.choices else None

    @property
    def outstanding(self) -> list[ReleaseNotification]:
        return [notification for notification in self.notifications if notification.outstanding]

    @property
    def current_assessment(self) -> NeedsAssessment | None:
        return self.assessments[0] if self.assessments else None

    @property
    def topics(self) -> list[TopicState]:
        last: dict[str, dt.datetime] = {}
        for occasion in self.information:
            for topic in occasion.topics:
                if topic not in last or occasion.given_at > last[topic]:
                    last[topic] = occasion.given_at
        return [
            TopicState(
                topic=topic,
                provisions=[PROVISIONS_BY_CODE[code] for code in TOPIC_PROVISIONS[topic]],
                last_given_at=last.get(topic.value),
                first_contact=topic in FIRST_CONTACT_TOPICS,
            )
            for topic in InformationTopic
        ]

    @property
    def first_contact_missing(self) -> list[TopicState]:
        return [state for state in self.topics if state.first_contact and state.last_given_at is None]

    @property
    def ids(self) -> dict[str, list[int]]:
        """What the page shows, for the audit trail."""
        return {
            "information": [row.pk for row in self.information],
            "choices": [row.pk for row in self.choices],
            "notifications": [row.pk for row in self.notifications],
            "needs_assessments": [row.pk for row in self.assessments],
        }


def rights_log(*, access: CaseAccess) -> RightsLog:
    """Everything the rights log shows of a case fetched at full detail, in five queries however much it holds."""
    case = access.case
    return RightsLog(
        access=access,
        information=list(
            InformationGiven.objects.filter(case=case).select_related("agency", "recorded_by").order_by("-given_at")
        ),
        choices=list(
            NotificationChoice.objects.filter(case=case).select_related("agency", "recorded_by").order_by(*CHOICE_ORDER)
        ),
        notifications=list(
            with_state(ReleaseNotification.objects.filter(case=case))
            .select_related("event__perpetrator", "event__reporting_agency", "told_by", "told_by_agency")
            .order_by("-event__occurred_at", "-pk")
        ),
        assessments=list(
            NeedsAssessment.objects.filter(case=case).select_related("agency", "recorded_by").order_by("-version")
        ),
        perpetrators=list(
            CaseParty.objects.filter(case=case, role=PartyRole.PERPETRATOR).select_related("person").order_by("pk")
        ),
    )


def visible_needs_assessments(actor: Actor) -> QuerySet[NeedsAssessment]:
    if not policy.has_permission(actor, "rights.view"):
        return NeedsAssessment.objects.none()
    return NeedsAssessment.objects.filter(case__in=cases_in_full(actor)).select_related(
        "case__victim", "agency", "recorded_by"
    )


def needs_assessment_versions(assessment: NeedsAssessment) -> list[NeedsAssessment]:
    """Every version of the assessment's case, newest first, for the version list beside one."""
    return list(
        NeedsAssessment.objects.filter(case_id=assessment.case_id).only("pk", "version", "reason", "assessed_on")
    )


# Releases and escapes, and the notifications they call for


def visible_custody_events(actor: Actor) -> QuerySet[CustodyEvent]:
    """Releases and escapes of the perpetrators the actor is shown."""
    if not policy.has_permission(actor, "custody_event.view"):
        return CustodyEvent.objects.none()
    return CustodyEvent.objects.filter(
        locality=actor.locality, perpetrator__in=perpetrator_policy.visible_perpetrators(actor)
    ).select_related("perpetrator", "reporting_agency", "recorded_by")


@dataclass(frozen=True)
class CustodyHistory:
    """His releases and escapes, for his page: shown to whoever may read them, with the link to record one for
    whoever may record one."""

    shown: bool
    events: list[CustodyEvent]
    may_record: bool

    @property
    def ids(self) -> list[int]:
        return [event.pk for event in self.events]


def custody_history(*, actor: Actor, person: Person) -> CustodyHistory:
    """The releases and escapes of a perpetrator the actor is shown, newest first, in one query."""
    shown = policy.has_permission(actor, "custody_event.view")
    events = (
        list(visible_custody_events(actor).filter(perpetrator=person).order_by("-occurred_at", "-pk")) if shown else []
    )
    return CustodyHistory(shown=shown, events=events, may_record=policy.has_permission(actor, "custody_event.record"))


@dataclass
class CustodyEventPage:
    event: CustodyEvent
    notifications: list[ReleaseNotification]  # on the cases the actor sees at full detail
    other_cases: int  # the victims' cases she may not see
    opted_in_elsewhere: int  # of those, how many had asked to be told

    @property
    def ids(self) -> dict[str, list[int]]:
        return {"cases": [notification.case_id for notification in self.notifications]}


def custody_event_page(*, actor: Actor, event: CustodyEvent) -> CustodyEventPage:
    """The event with the victims' cases the actor may see in full; the rest are counted, never named."""
    visible_case_ids = cases_in_full(actor).values("pk") if policy.has_permission(actor, "rights.view") else []
    all_notifications = ReleaseNotification.objects.filter(event=event)
    shown = list(
        with_state(all_notifications.filter(case_id__in=visible_case_ids))
        .select_related("case__victim", "told_by", "told_by_agency")
        .order_by("case__reference")
    )
    hidden = all_notifications.exclude(pk__in=[notification.pk for notification in shown])
    return CustodyEventPage(
        event=event,
        notifications=shown,
        other_cases=hidden.count(),
        opted_in_elsewhere=hidden.filter(victim_opted_in=True).count(),
    )


def visible_notifications(actor: Actor) -> QuerySet[ReleaseNotification]:
    """Notifications on the cases whose rights logs the actor keeps, with their state."""
    if not policy.has_permission(actor, "rights.record"):
        return ReleaseNotification.objects.none()
    return with_state(
        ReleaseNotification.objects.filter(case__in=cases_in_full(actor)).select_related(
            "case__victim", "event__perpetrator", "event__reporting_agency", "told_by", "told_by_agency"
        )
    )


def notification_list(*, actor: Actor) -> QuerySet[ReleaseNotification]:
    """Outstanding first, the oldest event first (the longest she has waited); then the rest, newest first."""
    return visible_notifications(actor).order_by("-outstanding", "event__occurred_at", "pk")


def outstanding_count(*, case: Case) -> int:
    return with_state(ReleaseNotification.objects.filter(case=case)).filter(outstanding=True).count()


# The provisions checklist


@dataclass(frozen=True)
class ProvisionRow:
    provision: Provision
    check: ProvisionCheck | None

    @property
    def process_part(self) -> ProcessPart:
        return ProcessPart(self.check.process_part) if self.check else self.provision.suggested_part

    @property
    def done(self) -> bool:
        return bool(self.check and self.check.done)


@dataclass(frozen=True)
class ProcessPartRows:
    part: ProcessPart
    rows: list[ProvisionRow]


@dataclass(frozen=True)
class ProvisionsChecklist:
    parts: list[ProcessPartRows]
    done: int
    total: int


def provision_check_of(*, locality: Locality, code: str) -> ProvisionCheck | None:
    return ProvisionCheck.objects.filter(locality=locality, provision=code).select_related("confirmed_by").first()


def provisions_checklist(*, locality: Locality | None) -> ProvisionsChecklist:
    """Every shipped provision under the part of the process the partnership mapped it to (or the suggested one),
    in one query."""
    checks = (
        {
            check.provision: check
            for check in ProvisionCheck.objects.filter(locality=locality).select_related("confirmed_by", "updated_by")
        }
        if locality is not None
        else {}
    )
    rows = [ProvisionRow(provision=provision, check=checks.get(provision.code)) for provision in PROVISIONS]
    parts = [ProcessPartRows(part=part, rows=[row for row in rows if row.process_part == part]) for part in ProcessPart]
    return ProvisionsChecklist(
        parts=[part for part in parts if part.rows], done=sum(row.done for row in rows), total=len(rows)
    )
