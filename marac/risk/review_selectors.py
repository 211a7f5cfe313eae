"""Reads for the review schedule: which cases' risk reviews fall to the actor, and which are due or overdue."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.access.rules import Detail
from marac.agencies.models import Locality, Role
from marac.referrals.models import Case, CaseStatus
from marac.risk.models import Assessment, ReviewTrigger
from marac.risk.scales import SCALES, all_level_labels
from marac.risk.templatetags.risk_tags import risk_level_class

# A review due within this window is listed as due soon, so that it can be arranged before it is late.
DUE_SOON_WINDOW = dt.timedelta(days=7)

# A closed case is reopened by a new referral, and a transferred one is reviewed by the area it moved to.
STATUSES_WITHOUT_REVIEW = (CaseStatus.CLOSED, CaseStatus.TRANSFERRED)


def _latest_assessment() -> QuerySet[Assessment]:
    return Assessment.objects.filter(case=OuterRef("pk")).order_by("-assessed_at", "-pk")


def cases_with_reviews(*, actor: Actor) -> QuerySet[Case]:
    """The open cases whose risk reviews fall to the actor.

    The coordinator and chair follow every case of the locality and an IDVA every case of her service. An
    agency representative follows the cases they can see whose latest assessment their agency made: the agency
    that assessed last owns the next review.
    """
    if not policy.has_permission(actor, "review.list"):
        return Case.objects.none()
    latest = _latest_assessment()
    cases = (
        policy.visible_cases(actor)
        .exclude(status__in=STATUSES_WITHOUT_REVIEW)
        .annotate(
            latest_assessed_at=Subquery(latest.values("assessed_at")[:1]),
            latest_assessment_agency_id=Subquery(latest.values("agency_id")[:1]),
            latest_assessment_agency_name=Subquery(latest.values("agency__name")[:1]),
        )
    )
    if actor.role in (Role.COORDINATOR, Role.CHAIR):
        return cases
    if actor.role == Role.IDVA:
        return cases.filter(idva_agency=actor.agency)
    if actor.role == Role.AGENCY_REP:
        return cases.filter(latest_assessment_agency_id=actor.agency.pk)
    return Case.objects.none()


def reviews_due(*, actor: Actor, overdue_only: bool = False, now: dt.datetime | None = None) -> QuerySet[Case]:
    """The actor's cases whose review is overdue or due within the next seven days, soonest first, each with
    `is_overdue` and its open triggers in `open_triggers` (soonest due first)."""
    now = now or timezone.now()
    due = Q(next_review_due__lt=now) if overdue_only else Q(next_review_due__lte=now + DUE_SOON_WINDOW)
    return (
        cases_with_reviews(actor=actor)
        .filter(due)
        .annotate(is_overdue=ExpressionWrapper(Q(next_review_due__lt=now), output_field=BooleanField()))
        .prefetch_related(
            Prefetch(
                "review_triggers",
                queryset=ReviewTrigger.objects.filter(answered_by__isnull=True).order_by("review_due", "pk"),
                to_attr="open_triggers",
            )
        )
        .order_by("next_review_due", "pk")
    )


def reviews_due_count(*, actor: Actor) -> tuple[int, int]:
    """How many of the actor's reviews are due within the next seven days but not yet late, and how many are
    overdue. The two never count the same case. Zero for roles that follow no reviews."""
    now = timezone.now()
    counts = cases_with_reviews(actor=actor).aggregate(
        due_soon=Count("pk", filter=Q(next_review_due__gte=now, next_review_due__lte=now + DUE_SOON_WINDOW)),
        overdue=Count("pk", filter=Q(next_review_due__lt=now)),
    )
    return counts["due_soon"] or 0, counts["overdue"] or 0


def risk_level_display(*, locality: Locality, level: str) -> tuple[str, str]:
    """A level's label on the locality's scale, and its tag colour. A level from a scale the locality no longer
    uses keeps its own label rather than disappearing."""
    if not level:
        return gettext("Not assessed"), "govuk-tag--grey"
    scale = SCALES[locality.risk_scale]
    label = scale.label(level) if level in scale.values else all_level_labels().get(level, level)
    return label, risk_level_class(level)


@dataclass(frozen=True)
class ReviewRow:
    case: Case
    level_label: str
    level_tag_class: str
    # None when the actor sees too little of the case to be told what happened in it.
    open_triggers: list[ReviewTrigger] | None


def review_rows(*, actor: Actor, cases: list[Case]) -> list[ReviewRow]:
    """What the list shows for each case from `reviews_due`, without further queries."""
    rows = []
    for case in cases:
        label, tag_class = risk_level_display(locality=actor.locality, level=case.risk_level)
        shares_events = policy.case_detail(actor, case) >= Detail.SHARED
        rows.append(
            ReviewRow(
                case=case,
                level_label=label,
                level_tag_class=tag_class,
                open_triggers=case.open_triggers if shares_events else None,
            )
        )
    return rows
