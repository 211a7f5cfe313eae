"""The live meeting, as the chair sees it: the risk picture each case opens with, how long each case has taken
against the locality's plan, and where the meeting is in its running order.

Reads only; the clock is started and stopped by `services.agenda_item_open` and the saving of the discussion.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marac.access import policy
from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus
from marac.risk.assessment_selectors import visible_assessments
from marac.risk.models import Assessment
from marac.risk.registry import version_name

# The risk picture at the top of a case.


def _count_of(queryset: QuerySet) -> Coalesce:
    """How many rows of `queryset` (already narrowed to one case with OuterRef) there are, as a subquery."""
    counted = queryset.order_by().values("case_id").annotate(rows=Count("pk")).values("rows")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_risk_picture(items: QuerySet[AgendaItem], *, actor: Actor) -> QuerySet[AgendaItem]:
    """Agenda items with what `risk_picture` needs, in the same query as the items plus one for assessments.

    Counted from what the actor may see: earlier referrals of the case, and earlier meetings that heard it.
    """
    earlier_referrals = policy.visible_referrals(actor).filter(
        case_id=OuterRef("case_id"), referred_at__lt=OuterRef("referral__referred_at")
    )
    earlier_hearings = policy.visible_agenda_items(actor).filter(
        case_id=OuterRef("case_id"),
        discussed_at__isnull=False,
        meeting__scheduled_for__lt=OuterRef("meeting__scheduled_for"),
    )
    latest_assessment = (
        visible_assessments(actor=actor)
        .select_related(None)
        .select_related("instrument")
        .order_by("-assessed_at", "-pk")
    )
    return (
        items.select_related("referral__previous_referral")
        .annotate(
            earlier_referral_count=_count_of(earlier_referrals), earlier_hearing_count=_count_of(earlier_hearings)
        )
        .prefetch_related(Prefetch("case__assessments", queryset=latest_assessment[:1], to_attr="latest_assessments"))
    )


@dataclass(frozen=True)
class RiskPicture:
    level: str  # the final level of the case's latest assessment; empty when none was recorded
    latest_assessment: Assessment | None
    criteria: list[str]
    is_repeat: bool
    previous_referral_at: dt.datetime | None
    earlier_referrals: int
    earlier_hearings: int

    @property
    def instrument_name(self) -> str:
        assessment = self.latest_assessment
        if assessment is None:
            return ""
        return version_name(assessment.instrument) if assessment.instrument else assessment.instrument_code


def risk_picture(item: AgendaItem) -> RiskPicture:
    """Project an item fetched through `with_risk_picture` onto what the chair needs first."""
    referral = item.referral
    previous = referral.previous_referral
    return RiskPicture(
        level=item.case.risk_level,
        latest_assessment=item.case.latest_assessments[0] if item.case.latest_assessments else None,
        criteria=referral.criteria_met,
        is_repeat=referral.is_repeat,
        previous_referral_at=previous.referred_at if previous else None,
        earlier_referrals=item.earlier_referral_count,
        earlier_hearings=item.earlier_hearing_count,
    )


# The clock of one case.


class ClockState(StrEnum):
    NOT_STARTED = "not_started"
    WITHIN_TARGET = "within_target"
    PAST_TARGET = "past_target"
    PAST_LIMIT = "past_limit"


# GOV.UK tag colours, the same in `frontend/js/live-meeting.js`.
CLOCK_TAG_CLASS = {
    ClockState.NOT_STARTED: "govuk-tag--grey",
    ClockState.WITHIN_TARGET: "govuk-tag--green",
    ClockState.PAST_TARGET: "govuk-tag--yellow",
    ClockState.PAST_LIMIT: "govuk-tag--red",
}


@dataclass(frozen=True)
class CaseClock:
    """How long the meeting has spent on one case: running until the discussion is saved or the chair moves on."""

    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    target_minutes: int
    limit_minutes: int
    now: dt.datetime

    @classmethod
    def of(cls, item: AgendaItem, *, locality: Locality, now: dt.datetime) -> "CaseClock":
        return cls(
            started_at=item.discussion_started_at,
            ended_at=item.discussion_ended_at,
            target_minutes=locality.case_minutes_target,
            limit_minutes=locality.case_minutes_limit,
            now=now,
        )

    @property
    def is_running(self) -> bool:
        return self.started_at is not None and self.ended_at is None

    @property
    def elapsed(self) -> dt.timedelta | None:
        if self.started_at is None:
            return None
        return max((self.ended_at or self.now) - self.started_at, dt.timedelta(0))

    @property
    def minutes(self) -> int | None:
        """Whole minutes spent, as the page says it before its script takes over the ticking."""
        elapsed = self.elapsed
        return None if elapsed is None else int(elapsed.total_seconds() // 60)

    @property
    def state(self) -> ClockState:
        elapsed = self.elapsed
        if elapsed is None:
            return ClockState.NOT_STARTED
        seconds = elapsed.total_seconds()
        if seconds > self.limit_minutes * 60:
            return ClockState.PAST_LIMIT
        if seconds > self.target_minutes * 60:
            return ClockState.PAST_TARGET
        return ClockState.WITHIN_TARGET

    @property
    def tag_class(self) -> str:
        return CLOCK_TAG_CLASS[self.state]


# The running order.


class DiscussionState(StrEnum):
    NOT_STARTED = "not_started"
    IN_DISCUSSION = "in_discussion"
    LEFT_UNSAVED = "left_unsaved"  # the chair moved on without saving the discussion
    DISCUSSED = "discussed"


DISCUSSION_STATE_LABEL = {
    DiscussionState.NOT_STARTED: _("Not started"),
    DiscussionState.IN_DISCUSSION: _("In discussion"),
    DiscussionState.LEFT_UNSAVED: _("Discussion not saved"),
    DiscussionState.DISCUSSED: _("Discussed"),
}
DISCUSSION_STATE_TAG_CLASS = {
    DiscussionState.NOT_STARTED: "govuk-tag--grey",
    DiscussionState.IN_DISCUSSION: "govuk-tag--turquoise",
    DiscussionState.LEFT_UNSAVED: "govuk-tag--yellow",
    DiscussionState.DISCUSSED: "govuk-tag--green",
}


def discussion_state(item: AgendaItem) -> DiscussionState:
    if item.discussed_at is not None:
        return DiscussionState.DISCUSSED
    if item.discussion_started_at is None:
        return DiscussionState.NOT_STARTED
    if item.discussion_ended_at is None:
        return DiscussionState.IN_DISCUSSION
    return DiscussionState.LEFT_UNSAVED


@dataclass(frozen=True)
class RunningOrderEntry:
    item: AgendaItem
    state: DiscussionState
    clock: CaseClock

    @property
    def state_label(self) -> str:
        return DISCUSSION_STATE_LABEL[self.state]

    @property
    def state_tag_class(self) -> str:
        return DISCUSSION_STATE_TAG_CLASS[self.state]


@dataclass(frozen=True)
class MeetingClock:
    """The whole meeting against its plan: each case the locality's target number of minutes."""

    elapsed: dt.timedelta | None  # since the meeting started; None before it starts
    planned_minutes: int
    minutes_on_cases: int

    @property
    def elapsed_minutes(self) -> int | None:
        return None if self.elapsed is None else int(self.elapsed.total_seconds() // 60)

    @property
    def is_over_plan(self) -> bool:
        return self.elapsed is not None and self.elapsed.total_seconds() > self.planned_minutes * 60


@dataclass(frozen=True)
class RunningOrder:
    entries: list[RunningOrderEntry]
    clock: MeetingClock
    in_discussion: AgendaItem | None  # the case the meeting is on now, if its clock is running
    next_item: AgendaItem | None  # the first case not yet discussed

    @property
    def next_is_in_discussion(self) -> bool:
        return self.next_item is not None and self.in_discussion is not None and self.next_item == self.in_discussion


def running_order(*, meeting: Meeting, items: list[AgendaItem], now: dt.datetime | None = None) -> RunningOrder:
    """The running order with each case's state and clock, and the meeting's clock, from items already fetched."""
    now = now or timezone.now()
    locality = meeting.locality
    entries = [
        RunningOrderEntry(item=item, state=discussion_state(item), clock=CaseClock.of(item, locality=locality, now=now))
        for item in items
    ]
    if meeting.started_at is None:
        elapsed = None
    else:
        ended = meeting.closed_at if meeting.status == MeetingStatus.CLOSED and meeting.closed_at else now
        elapsed = max(ended - meeting.started_at, dt.timedelta(0))
    seconds_on_cases = sum(entry.clock.elapsed.total_seconds() for entry in entries if entry.clock.elapsed is not None)
    return RunningOrder(
        entries=entries,
        clock=MeetingClock(
            elapsed=elapsed,
            planned_minutes=len(items) * locality.case_minutes_target,
            minutes_on_cases=int(seconds_on_cases // 60),
        ),
        in_discussion=next((entry.item for entry in entries if entry.state == DiscussionState.IN_DISCUSSION), None),
        next_item=next((item for item in items if item.discussed_at is None), None),
    )
