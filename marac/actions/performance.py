"""How each owner agency completes its actions: on time, late, not possible, and what is still open or overdue.
One aggregate query over the actions the actor may see, whatever their number."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from marac.access import policy
from marac.access.actor import Actor
from marac.actions.models import INCOMPLETE_STATUSES, ActionStatus


@dataclass(frozen=True)
class AgencyPerformance:
    agency_name: str
    total: int
    done_on_time: int
    done_late: int
    not_possible: int
    open: int
    overdue: int

    @property
    def completion_rate(self) -> int | None:
        """Done (on time or late) as a percentage of the actions no longer open; None before any is finished."""
        finished = self.done_on_time + self.done_late + self.not_possible
        return round(100 * (self.done_on_time + self.done_late) / finished) if finished else None

    @property
    def lateness_rate(self) -> int | None:
        """Done late as a percentage of those done."""
        done = self.done_on_time + self.done_late
        return round(100 * self.done_late / done) if done else None


def performance_by_agency(*, actor: Actor, today: dt.date | None = None) -> list[AgencyPerformance]:
    today = today or timezone.localdate()
    done = Q(status=ActionStatus.DONE)
    completed_on = TruncDate("completed_at", tzinfo=timezone.get_current_timezone())
    rows = (
        policy.visible_actions(actor)
        .annotate(completed_on=completed_on)
        .values("owner_agency__name")
        .annotate(
            total=Count("pk"),
            done_on_time=Count("pk", filter=done & Q(completed_on__lte=F("due_date"))),
            done_late=Count("pk", filter=done & Q(completed_on__gt=F("due_date"))),
            not_possible=Count("pk", filter=Q(status=ActionStatus.NOT_POSSIBLE)),
            open=Count("pk", filter=Q(status__in=INCOMPLETE_STATUSES)),
            overdue=Count("pk", filter=Q(status__in=INCOMPLETE_STATUSES, due_date__lt=today)),
        )
        .order_by("owner_agency__name")
    )
    return [AgencyPerformance(agency_name=row.pop("owner_agency__name"), **row) for row in rows]
