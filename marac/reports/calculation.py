"""Counting the quarterly return from the data: one aggregate query for every figure of every meeting.

Internal calculations over the whole locality, not scoped by the access policy: the views check `report.view` and
audit the read; the links to cases go through `marac.access.policy.visible_cases`.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear

from marac.agencies.models import Locality
from marac.meetings.models import AgendaItem, Meeting, MeetingPurpose, MeetingStatus
from marac.referrals.models import CaseParty, PartyRole
from marac.reports.figures import AGENCY_TYPE_FIGURES, CHILDREN, COUNT_FIGURES
from marac.reports.quarters import Quarter

# A meeting counts once it has started: a meeting still only scheduled when the quarter ends discussed nothing.
HELD = (MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED)


def _age(prefix: str, *, year, month, day):
    """Whole years between the date of birth at `prefix` and the given date parts (expressions), in SQL: the year
    difference, less one when the birthday had not yet come that year. NULL when the date of birth is not known."""
    not_yet = Case(
        When(Q(**{f"{prefix}date_of_birth__month__gt": month}), then=Value(1)),
        When(Q(**{f"{prefix}date_of_birth__month": month, f"{prefix}date_of_birth__day__gt": day}), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return ExpressionWrapper(year - ExtractYear(f"{prefix}date_of_birth") - not_yet, output_field=IntegerField())


def meetings_in(locality: Locality, quarter: Quarter) -> QuerySet[Meeting]:
    return _meetings_between(locality, *quarter.bounds())


def _meetings_between(locality: Locality, start: dt.datetime, end: dt.datetime) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        locality=locality,
        purpose=MeetingPurpose.MARAC,
        status__in=HELD,
        scheduled_for__gte=start,
        scheduled_for__lt=end,
    ).order_by("scheduled_for", "pk")


def items(locality: Locality, quarter: Quarter) -> QuerySet[AgendaItem]:
    """The quarter's agenda items, annotated with what the figures' conditions need: the victim's age at the
    referral and whether a perpetrator was 17 or under then."""
    return _items_between(locality, *quarter.bounds())


def _items_between(locality: Locality, start: dt.datetime, end: dt.datetime) -> QuerySet[AgendaItem]:
    annotated = AgendaItem.objects.filter(
        meeting__locality=locality,
        meeting__purpose=MeetingPurpose.MARAC,
        meeting__status__in=HELD,
        meeting__scheduled_for__gte=start,
        meeting__scheduled_for__lt=end,
    ).annotate(
        referral_year=ExtractYear("referral__referred_at"),
        referral_month=ExtractMonth("referral__referred_at"),
        referral_day=ExtractDay("referral__referred_at"),
    )
    young_perpetrator = (
        CaseParty.objects.filter(case=OuterRef("case"), role=PartyRole.PERPETRATOR, person__date_of_birth__isnull=False)
        .annotate(
            age=_age(
                "person__",
                year=OuterRef("referral_year"),
                month=OuterRef("referral_month"),
                day=OuterRef("referral_day"),
            )
        )
        .filter(age__lte=17)
    )
    return annotated.annotate(
        victim_age=_age("case__victim__", year=F("referral_year"), month=F("referral_month"), day=F("referral_day")),
        has_young_perpetrator=Exists(young_perpetrator),
    )


@dataclass
class MeetingCounts:
    meeting: Meeting | None  # None for the total, and for a row that is a whole quarter
    counts: dict[str, int] = field(default_factory=dict)
    label: str = ""  # a quarter's short name ("2026 Q3", in the reader's language), for a row that is a whole quarter


@dataclass
class RawReturn:
    quarter: Quarter  # the (last) quarter counted
    meetings: list[MeetingCounts]  # the rows that add up to the total: meetings, or a year's quarters
    total: MeetingCounts
    quarters_covered: int = 1


def _figure_aggregates() -> dict:
    aggregates = {}
    for figure in COUNT_FIGURES + AGENCY_TYPE_FIGURES:
        if figure is CHILDREN:
            aggregates[figure.key] = Coalesce(Sum("referral__children_in_household"), Value(0))
        elif figure.condition is None:
            aggregates[figure.key] = Count("pk")
        else:
            aggregates[figure.key] = Count("pk", filter=figure.condition)
    return aggregates


def count_returns(locality: Locality, quarters: Sequence[Quarter]) -> dict[Quarter, RawReturn]:
    """The returns of consecutive quarters, every count of every meeting in two queries whatever their number (the
    meetings, then one aggregate grouped by meeting); a quarter's total is the sum of its meetings', since each
    figure counts agenda items."""
    start, end = quarters[0].bounds()[0], quarters[-1].bounds()[1]
    meetings = list(_meetings_between(locality, start, end))
    aggregates = _figure_aggregates()
    grouped = _items_between(locality, start, end).values("meeting_id").annotate(**aggregates)
    rows = {row.pop("meeting_id"): row for row in grouped}
    keys = list(aggregates)
    per_quarter: dict[Quarter, list[MeetingCounts]] = {quarter: [] for quarter in quarters}
    for meeting in meetings:
        counts = {key: int(rows.get(meeting.pk, {}).get(key, 0)) for key in keys}
        per_quarter[Quarter.containing(meeting.scheduled_for)].append(MeetingCounts(meeting, counts))
    return {
        quarter: RawReturn(
            quarter=quarter,
            meetings=per_meeting,
            total=MeetingCounts(None, {key: sum(row.counts[key] for row in per_meeting) for key in keys}),
        )
        for quarter, per_meeting in per_quarter.items()
    }


def count_return(locality: Locality, quarter: Quarter) -> RawReturn:
    """Every count of every meeting of the quarter in two queries (see `count_returns`)."""
    return count_returns(locality, [quarter])[quarter]


def count_year(locality: Locality, last: Quarter) -> RawReturn:
    """The four quarters ending with `last`, each a row of its return's totals, and the year's total."""
    returns = count_returns(locality, last.year_ending())
    rows = [MeetingCounts(None, returns[quarter].total.counts, quarter.short_label) for quarter in last.year_ending()]
    total = MeetingCounts(None, {key: sum(row.counts[key] for row in rows) for key in rows[0].counts})
    return RawReturn(quarter=last, meetings=rows, total=total, quarters_covered=4)
