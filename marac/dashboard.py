"""What each person sees first when they sign in: the work waiting for them."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from marac.access import policy
from marac.access.actor import Actor
from marac.actions.models import INCOMPLETE_STATUSES
from marac.duties.selectors import monitored_duties
from marac.incidents.selectors import flag_list
from marac.meetings.models import Meeting, MeetingStatus
from marac.meetings.selectors import CASE_LIST_RELEASED
from marac.pathways import policy as pathway_policy
from marac.pathways.models import PathwayReferralStatus
from marac.referrals.models import Referral, TriageStatus
from marac.risk.review_selectors import reviews_due_count


@dataclass
class Dashboard:
    awaiting_triage: int | None = None
    open_actions: int | None = None
    overdue_actions: int | None = None
    outstanding_report_backs: int | None = None
    reviews_due_soon: int | None = None
    reviews_overdue: int | None = None
    people_flagged: int | None = None
    research_to_post: int | None = None
    agencies_without_contact: list[str] | None = None
    unmet_duties: int | None = None
    pathway_answers_overdue: int | None = None
    upcoming_meetings: list[Meeting] = field(default_factory=list)
    recent_referrals: list[Referral] = field(default_factory=list)


def dashboard_for(actor: Actor) -> Dashboard:
    """A constant number of counting queries, scoped by the policy like every other read."""
    board = Dashboard()
    if actor.membership is None:
        return board
    today = timezone.localdate()
    if policy.has_permission(actor, "referral.triage"):
        board.awaiting_triage = (
            policy.visible_referrals(actor)
            .filter(triage_status__in=[TriageStatus.PENDING, TriageStatus.MORE_INFORMATION])
            .count()
        )
    if policy.has_permission(actor, "action.list"):
        counts = (
            policy.visible_actions(actor)
            .filter(status__in=INCOMPLETE_STATUSES)
            .aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
        )
        board.open_actions, board.overdue_actions = counts["open"], counts["overdue"]
    if policy.has_permission(actor, "report_back.complete"):
        board.outstanding_report_backs = policy.visible_report_backs(actor).filter(completed_at__isnull=True).count()
    if policy.has_permission(actor, "review.list"):
        board.reviews_due_soon, board.reviews_overdue = reviews_due_count(actor=actor)
    if policy.has_permission(actor, "flag.list"):
        board.people_flagged = flag_list(actor=actor).count()
    if policy.has_permission(actor, "research.submit"):
        # Cases on circulated lists of meetings not yet closed on which the actor's agency has posted nothing.
        board.research_to_post = (
            policy.visible_agenda_items(actor)
            .filter(CASE_LIST_RELEASED, meeting__status__in=[MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS])
            .exclude(research__agency=actor.agency)
            .count()
        )
    if policy.has_permission(actor, "duty.monitor"):
        # Referral-back duties no agency has answered by their due time: the coordinator chases them.
        board.unmet_duties = monitored_duties(actor=actor, view="unmet").count()
    if actor.role in pathway_policy.LOCALITY_WIDE and pathway_policy.may_read(actor):
        # Pathway referrals of the locality the receiving agency has not answered by the agreed time.
        board.pathway_answers_overdue = (
            pathway_policy.visible_pathway_referrals(actor)
            .filter(status=PathwayReferralStatus.AWAITING, response_due_at__lt=timezone.now())
            .count()
        )
    if policy.has_permission(actor, "meeting.circulate"):
        # Notices for these agencies cannot be e-mailed: the coordinator sees who to ask for a point of contact.
        without_contact = actor.locality.agencies.filter(is_active=True, contact_email="").order_by("name")
        board.agencies_without_contact = list(without_contact.values_list("name", flat=True))
    board.upcoming_meetings = list(
        policy.visible_meetings(actor).exclude(status=MeetingStatus.CLOSED).order_by("scheduled_for")[:3]
    )
    if policy.has_permission(actor, "referral.create"):
        board.recent_referrals = list(policy.visible_referrals(actor).order_by("-referred_at")[:5])
    return board
