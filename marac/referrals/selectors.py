"""Reads for referrals and cases, always starting from what the access policy lets the actor see."""

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from django.db.models import Case as CaseWhen
from django.db.models import IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value, When
from django.utils import timezone

from marac.access import policy
from marac.access.actor import Actor
from marac.access.guard import CaseAccess
from marac.access.rules import ACTIONS_ALL_ON_CASE, REFERRALS_LOCALITY_WIDE, Detail
from marac.actions.models import Action
from marac.agencies.models import Agency, AgencyType, Membership, Role
from marac.idva.models import ReportBack, VictimContact
from marac.meetings.models import AgendaItem, Meeting, MeetingPurpose, MeetingStatus, Research
from marac.people.ages import is_child_on
from marac.people.models import Alias
from marac.referrals.case_rows import rows_on_case
from marac.referrals.models import Case, CaseParty, CaseStatus, PartyRole, Referral, TriageStatus
from marac.risk.assessment_selectors import RiskEntry, case_assessments, risk_chart_for, risk_history
from marac.risk.chart import RiskChart
from marac.risk.models import Assessment

if TYPE_CHECKING:
    from marac.pathways.models import PathwayReferral

# Referrals waiting for the coordinator's decision come first in the queue.
TRIAGE_FIRST = (TriageStatus.PENDING, TriageStatus.MORE_INFORMATION)


def referral_list(*, actor: Actor) -> QuerySet[Referral]:
    """The referrals page: the triage queue for the coordinator, otherwise the referrals the actor's agency made.

    Roles that see the whole locality's referrals (coordinator, chair) get all of them; the queue puts those
    awaiting a decision first, oldest first, since they have waited longest.
    """
    referrals = policy.visible_referrals(actor).select_related("case", "triaged_by")
    if actor.role in REFERRALS_LOCALITY_WIDE:
        if policy.has_permission(actor, "referral.triage"):
            return referrals.annotate(
                queue_rank=CaseWhen(
                    When(triage_status__in=TRIAGE_FIRST, then=Value(0)), default=Value(1), output_field=IntegerField()
                )
            ).order_by("queue_rank", "referred_at", "pk")
        return referrals.order_by("-referred_at", "-pk")
    return referrals.filter(referring_agency=actor.agency).order_by("-referred_at", "-pk")


def visible_referrals(*, actor: Actor) -> QuerySet[Referral]:
    """For fetching one referral through the guard."""
    return policy.visible_referrals(actor).select_related(
        "case__locality", "assessment__instrument", "previous_referral__case", "triaged_by"
    )


def pathway_referral_behind(*, actor: Actor, referral: Referral) -> "PathwayReferral | None":
    """The pathway referral this MARAC referral was made from, when the actor may read it: only the pathway's two
    agencies and the coordinator do (`marac.pathways.policy`), whoever else may read the MARAC referral. One query."""
    # Imported here: the pathways app builds on this one.
    from marac.pathways import policy as pathway_policy

    return pathway_policy.visible_pathway_referrals(actor).filter(marac_referral=referral).first()


def listable_meetings(*, actor: Actor) -> QuerySet[Meeting]:
    """Meetings a case can still be listed on: the actor's locality's MARAC meetings that have not closed (a MATAC
    meeting's agenda is of perpetrators, not cases)."""
    return (
        policy.visible_meetings(actor)
        .filter(purpose=MeetingPurpose.MARAC)
        .exclude(status=MeetingStatus.CLOSED)
        .order_by("scheduled_for", "pk")
    )


def idva_services(*, actor: Actor) -> QuerySet[Agency]:
    if actor.locality is None:
        return Agency.objects.none()
    return Agency.objects.filter(locality=actor.locality, agency_type=AgencyType.IDVA_SERVICE, is_active=True).order_by(
        "name"
    )


def idva_memberships(*, actor: Actor) -> QuerySet[Membership]:
    """The IDVAs who can be named on a case: members in the IDVA role of the locality's IDVA services."""
    return (
        Membership.objects.filter(agency__in=idva_services(actor=actor), role=Role.IDVA, is_active=True)
        .select_related("user", "agency")
        .order_by("agency__name", "user__last_name", "user__first_name", "user__username")
    )


def _latest_referral(field_name: str) -> Subquery:
    latest = Referral.objects.filter(case=OuterRef("pk")).order_by("-referred_at", "-pk")
    return Subquery(latest.values(field_name)[:1])


def case_list(*, actor: Actor, status: str = "") -> QuerySet[Case]:
    cases = policy.visible_cases(actor).annotate(
        latest_is_repeat=_latest_referral("is_repeat"),
    )
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    return cases.order_by("-last_referred_at", "-pk")


@dataclass
class CasePage:
    """Everything the case page shows, already cut to the actor's detail level, in a fixed number of queries."""

    access: CaseAccess
    victim_aliases: list[Alias]
    perpetrators: list[CaseParty]
    children: list[CaseParty]
    household: list[CaseParty]
    latest_referral: Referral | None
    referrals: list[Referral] = field(default_factory=list)
    agenda_items: list[AgendaItem] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    victim_contacts: list[VictimContact] = field(default_factory=list)
    report_backs: list[ReportBack] = field(default_factory=list)
    shows_all_actions: bool = False
    risk_scale: str = ""  # the locality's scale, which the chart reads every level on

    @property
    def case(self) -> Case:
        return self.access.case

    @property
    def detail(self) -> Detail:
        return self.access.detail

    @property
    def shows_shared(self) -> bool:
        return self.detail >= Detail.SHARED

    @property
    def shows_full(self) -> bool:
        return self.detail >= Detail.FULL

    @property
    def young_person_ids(self) -> set[int]:
        """Perpetrators who are 17 or under today: a young person who harms is also a child."""
        today = timezone.localdate()
        return {party.person_id for party in self.perpetrators if is_child_on(party.person.date_of_birth, today)}

    @property
    def research(self) -> list[Research]:
        return [entry for item in self.agenda_items for entry in item.research.all()]

    @cached_property
    def risk_history(self) -> list[RiskEntry]:
        return risk_history(self.assessments)

    @property
    def reviews_risk(self) -> bool:
        """A closed or transferred case is no longer reviewed here."""
        return self.case.status not in (CaseStatus.CLOSED, CaseStatus.TRANSFERRED)

    @cached_property
    def risk_chart(self) -> RiskChart | None:
        due = self.case.next_review_due if self.reviews_risk else None
        return risk_chart_for(self.assessments, scale_code=self.risk_scale, next_review_due=due)

    @property
    def review_overdue(self) -> bool:
        due = self.case.next_review_due
        return self.reviews_risk and due is not None and due < timezone.now()


def case_page(*, actor: Actor, access: CaseAccess) -> CasePage:
    """Read the case page for a case fetched through `guard.fetch_case`.

    Below FULL detail only meetings that have started are shown: research posted for a meeting still to come
    is shared at that meeting, not before.
    """
    case = access.case
    detail = access.detail
    victim_aliases = list(Alias.objects.filter(person_id=case.victim_id).order_by("name"))
    parties = list(
        CaseParty.objects.filter(case=case)
        .select_related("person")
        .prefetch_related(Prefetch("person__aliases", queryset=Alias.objects.order_by("name")))
        .order_by("role", "person__family_name", "person__given_name", "pk")
    )
    referral_rows = Referral.objects.filter(case=case).select_related(
        "referring_agency", "referred_by", "assessment", "triaged_by"
    )
    if detail >= Detail.FULL:
        referrals = list(referral_rows.order_by("-referred_at", "-pk"))
        latest = referrals[0] if referrals else None
    else:
        referrals = []
        latest = referral_rows.order_by("-referred_at", "-pk").first()
    page = CasePage(
        access=access,
        victim_aliases=victim_aliases,
        perpetrators=[party for party in parties if party.role == PartyRole.PERPETRATOR],
        children=[party for party in parties if party.role == PartyRole.CHILD],
        household=[party for party in parties if party.role == PartyRole.HOUSEHOLD],
        latest_referral=latest,
        referrals=referrals,
        shows_all_actions=actor.role in ACTIONS_ALL_ON_CASE,
        risk_scale=actor.locality.risk_scale,
    )
    if detail < Detail.SHARED:
        return page

    items = (
        AgendaItem.objects.filter(case=case)
        .select_related("meeting")
        .prefetch_related(
            Prefetch(
                "research",
                queryset=Research.objects.select_related("agency")
                .annotate(details_withheld=policy.research_details_withheld(actor, detail))
                .order_by("agency__name"),
            )
        )
        .order_by("-meeting__scheduled_for", "-pk")
    )
    if detail < Detail.FULL:
        items = items.exclude(meeting__status=MeetingStatus.SCHEDULED)
    page.agenda_items = list(items)
    page.actions = rows_on_case(
        policy.visible_actions(actor).filter(case=case).order_by("due_date", "pk"), case, "owner_agency"
    )
    page.assessments = list(case_assessments(case=case))
    if detail < Detail.FULL:
        return page

    page.victim_contacts = list(
        VictimContact.objects.filter(case=case).select_related("agency", "recorded_by").order_by("-contacted_at", "-pk")
    )
    page.report_backs = rows_on_case(
        policy.visible_report_backs(actor).filter(case=case).order_by("due_date", "pk"), case, "meeting", "agency"
    )
    return page
