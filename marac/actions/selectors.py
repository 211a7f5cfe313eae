"""Reads for action plans, always starting from the actions the actor may see."""

import datetime as dt

from django.db.models import BooleanField, Case, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from marac.access import policy
from marac.access.actor import Actor
from marac.actions.models import INCOMPLETE_STATUSES, Action, ActionReview, ActionUpdate
from marac.meetings.models import Meeting

# Filter value meaning "open or in progress", the statuses an agency still has to work on.
INCOMPLETE = "incomplete"


def overdue_condition(today: dt.date) -> Q:
    """Due before today and not finished."""
    return Q(due_date__lt=today, status__in=INCOMPLETE_STATUSES)


def with_overdue(actions: QuerySet[Action], today: dt.date | None = None) -> QuerySet[Action]:
    today = today or timezone.localdate()
    return actions.annotate(
        is_overdue=Case(
            When(overdue_condition(today), then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


def actions_for_actor(
    *,
    actor: Actor,
    status: str = "",
    overdue_only: bool = False,
    owner_agency_id: int | None = None,
) -> QuerySet[Action]:
    """The actor's agency's actions (the whole locality's for the coordinator and chair), soonest due first."""
    today = timezone.localdate()
    actions = with_overdue(policy.visible_actions(actor), today)
    if status == INCOMPLETE:
        actions = actions.filter(status__in=INCOMPLETE_STATUSES)
    elif status:
        actions = actions.filter(status=status)
    if overdue_only:
        actions = actions.filter(overdue_condition(today))
    if owner_agency_id is not None:
        actions = actions.filter(owner_agency_id=owner_agency_id)
    return actions.order_by("due_date", "pk")


def actions_with_trail(*, actor: Actor) -> QuerySet[Action]:
    """Visible actions with everything their own page shows: updates, reviews and who made them."""
    return (
        with_overdue(policy.visible_actions(actor))
        .select_related("case__victim", "owner_agency", "agenda_item__meeting", "catalogue_action", "created_by")
        .prefetch_related(
            Prefetch("updates", queryset=ActionUpdate.objects.select_related("author", "agency")),
            Prefetch(
                "reviews",
                queryset=ActionReview.objects.select_related("agenda_item__meeting", "reviewed_by").order_by(
                    "reviewed_at", "pk"
                ),
            ),
        )
    )


def incomplete_actions_for_review(*, actor: Actor, meeting: Meeting) -> QuerySet[Action]:
    """Actions on the meeting's cases, agreed before it and still open or in progress.

    Each carries `reviews_here`: its review at this meeting, if one was recorded (a list of at most one).
    """
    agreed_earlier = Q(agenda_item__meeting__scheduled_for__lt=meeting.scheduled_for) | Q(
        agenda_item__isnull=True, created_at__lt=meeting.scheduled_for
    )
    return (
        with_overdue(policy.visible_actions(actor))
        .filter(case__agenda_items__meeting=meeting, status__in=INCOMPLETE_STATUSES)
        .filter(agreed_earlier)
        .select_related("case__victim", "owner_agency", "agenda_item__meeting")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=ActionReview.objects.filter(agenda_item__meeting=meeting).select_related("reviewed_by"),
                to_attr="reviews_here",
            )
        )
        .order_by("case_id", "due_date", "pk")
    )
