"""The KPI dashboard's measures counted over a run of quarters (each quarter's data return, the days from referral to
meeting of the cases it counts, the actions due, the referrals received, the breaches reported), and the benchmarks
each is set against.

A constant number of queries whatever the data: two for the quarters' returns together (see
calculation.count_returns), then one each, over the whole run, for the days to meeting, the actions, the referrals
and the breaches. Internal calculations over the whole locality, like the return's: the view checks `report.view` and
audits the read.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from marac.actions.models import INCOMPLETE_STATUSES, Action, ActionStatus
from marac.agencies.models import Locality
from marac.perpetrators.models import Breach
from marac.referrals.models import Referral
from marac.reports.calculation import RawReturn, count_returns, items
from marac.reports.numbers import count_text, decimal_text, percent_text
from marac.reports.quarters import Quarter


@dataclass(frozen=True)
class AgencyActions:
    """The MARAC actions one agency owns that fell due in a quarter, by what became of them."""

    agency: str
    due: int
    on_time: int  # done, on or before the due date (local)
    late: int  # done after it
    not_possible: int
    open: int  # open or in progress
    overdue: int  # of those open, due before today

    @property
    def open_in_time(self) -> int:
        return self.open - self.overdue


@dataclass(frozen=True)
class QuarterCounts:
    quarter: Quarter
    data_return: RawReturn
    days_to_meeting: tuple[int, ...]  # one for each agenda item the return counts
    referrals: int
    actions: tuple[AgencyActions, ...]  # by agency name
    breaches: int
    # (kind of response, time from report to response) for each breach answered.
    breach_responses: tuple[tuple[str, dt.timedelta], ...]


def _span(quarters: Sequence[Quarter]) -> tuple[dt.datetime, dt.datetime]:
    return quarters[0].bounds()[0], quarters[-1].bounds()[1]


def _days_to_meeting(locality: Locality, quarters: Sequence[Quarter]) -> dict[Quarter, list[int]]:
    """Local calendar days from each counted item's referral to its meeting, in one query (the quarters' items
    joined by UNION ALL, so they are exactly those the return counts). The database gives the local dates: turning
    each of a year's thousands of moments into one in Python was a tenth of the page's CPU."""
    local = timezone.get_current_timezone()
    parts = [
        items(locality, quarter)
        .order_by()
        .annotate(
            quarter_index=Value(index, output_field=IntegerField()),
            referred_on=TruncDate("referral__referred_at", tzinfo=local),
            met_on=TruncDate("meeting__scheduled_for", tzinfo=local),
        )
        .values_list("quarter_index", "referred_on", "met_on")
        for index, quarter in enumerate(quarters)
    ]
    days: dict[Quarter, list[int]] = {quarter: [] for quarter in quarters}
    for index, referred_on, met_on in parts[0].union(*parts[1:], all=True):
        days[quarters[index]].append((met_on - referred_on).days)
    return days


def _referrals(locality: Locality, quarters: Sequence[Quarter]) -> dict[Quarter, int]:
    start, end = _span(quarters)
    counts = {}
    for index, quarter in enumerate(quarters):
        first, after = quarter.bounds()
        counts[f"q{index}"] = Count("pk", filter=Q(referred_at__gte=first, referred_at__lt=after))
    totals = Referral.objects.filter(case__locality=locality, referred_at__gte=start, referred_at__lt=end).aggregate(
        **counts
    )
    return {quarter: totals[f"q{index}"] for index, quarter in enumerate(quarters)}


def _actions(locality: Locality, quarters: Sequence[Quarter], *, today: dt.date) -> dict[Quarter, list[AgencyActions]]:
    """Per quarter of the due date and owner agency, in one grouped query. MATAC actions are another model and are
    not read."""
    quarter_of_due_date = Case(
        *[
            When(due_date__gte=quarter.first_day, due_date__lte=quarter.last_day, then=Value(index))
            for index, quarter in enumerate(quarters)
        ],
        output_field=IntegerField(),
    )
    done = Q(status=ActionStatus.DONE)
    incomplete = Q(status__in=INCOMPLETE_STATUSES)
    rows = (
        Action.objects.filter(
            case__locality=locality, due_date__gte=quarters[0].first_day, due_date__lte=quarters[-1].last_day
        )
        .annotate(
            quarter_index=quarter_of_due_date,
            completed_on=TruncDate("completed_at", tzinfo=timezone.get_current_timezone()),
        )
        .values("quarter_index", "owner_agency_id", "owner_agency__name")
        .annotate(
            due=Count("pk"),
            done=Count("pk", filter=done),
            on_time=Count("pk", filter=done & Q(completed_on__lte=F("due_date"))),
            not_possible=Count("pk", filter=Q(status=ActionStatus.NOT_POSSIBLE)),
            open=Count("pk", filter=incomplete),
            overdue=Count("pk", filter=incomplete & Q(due_date__lt=today)),
        )
        .order_by("owner_agency__name", "owner_agency_id")
    )
    by_quarter: dict[Quarter, list[AgencyActions]] = {quarter: [] for quarter in quarters}
    for row in rows:
        by_quarter[quarters[row["quarter_index"]]].append(
            AgencyActions(
                agency=row["owner_agency__name"],
                due=row["due"],
                on_time=row["on_time"],
                # A done action without a completion date cannot be shown to be on time.
                late=row["done"] - row["on_time"],
                not_possible=row["not_possible"],
                open=row["open"],
                overdue=row["overdue"],
            )
        )
    return by_quarter


def _breaches(
    locality: Locality, quarters: Sequence[Quarter]
) -> tuple[dict[Quarter, int], dict[Quarter, list[tuple[str, dt.timedelta]]]]:
    """Per quarter of the report (local time): how many were reported, and each answered one's kind and delay."""
    start, end = _span(quarters)
    rows = (
        Breach.objects.filter(order__locality=locality, reported_at__gte=start, reported_at__lt=end)
        .order_by()
        .values_list("reported_at", "response__kind", "response__responded_at")
    )
    reported = dict.fromkeys(quarters, 0)
    answered: dict[Quarter, list[tuple[str, dt.timedelta]]] = {quarter: [] for quarter in quarters}
    for reported_at, kind, responded_at in rows:
        quarter = Quarter.containing(reported_at)
        reported[quarter] += 1
        if kind:
            answered[quarter].append((kind, responded_at - reported_at))
    return reported, answered


def count_kpis(locality: Locality, quarters: Sequence[Quarter], *, today: dt.date) -> list[QuarterCounts]:
    """Every count the dashboard needs for consecutive `quarters` (oldest first); `today` decides what is overdue."""
    days = _days_to_meeting(locality, quarters)
    referrals = _referrals(locality, quarters)
    actions = _actions(locality, quarters, today=today)
    reported, answered = _breaches(locality, quarters)
    returns = count_returns(locality, quarters)
    return [
        QuarterCounts(
            quarter=quarter,
            data_return=returns[quarter],
            days_to_meeting=tuple(sorted(days[quarter])),
            referrals=referrals[quarter],
            actions=tuple(actions[quarter]),
            breaches=reported[quarter],
            breach_responses=tuple(answered[quarter]),
        )
        for quarter in quarters
    ]


# What each measure is set against (domain.md §2): the national figures for 2024, the expected ranges, and the
# locality's own targets and staffing. The words are whole phrases, not "Below" + a band's name, so that each language
# can say them its own way.

BELOW, WITHIN, ABOVE = "below", "within", "above"
NATIONAL = _("National 2024")

Words = tuple[str, str, str]  # how `Benchmark.position` names BELOW, WITHIN and ABOVE

EXPECTED_RANGE_WORDS: Words = (
    _("Below the expected range"),
    _("Within the expected range"),
    _("Above the expected range"),
)
# A band open at the top: a value cannot be above it.
EXPECTED_LEVEL_WORDS: Words = (_("Below the expected level"), _("At or above the expected level"), "")
POPULATION_WORDS: Words = (
    _("Below the area's population share"),
    _("At or above the area's population share"),
    "",
)
# A target to reach (a share done on time) and a target not to exceed (days, hours).
LOCAL_TARGET_TO_REACH_WORDS: Words = (_("Below the local target"), _("At or above the local target"), "")
LOCAL_TARGET_LIMIT_WORDS: Words = ("", _("Within the local target"), _("Above the local target"))
RESPONSE_TARGET_WORDS: Words = ("", _("Within the response target"), _("Above the response target"))
NATIONAL_FIGURE_WORDS: Words = (
    _("Below the national figure"),
    _("Equal to the national figure"),
    _("Above the national figure"),
)
NATIONAL_MARAC_FIGURE_WORDS: Words = (
    _("Below the national MARAC figure"),
    _("Equal to the national MARAC figure"),
    _("Above the national MARAC figure"),
)
CAPACITY_WORDS: Words = (
    _("Fewer posts needed than staffed"),
    _("As many posts needed as staffed"),
    _("More posts needed than staffed"),
)


@dataclass(frozen=True)
class Benchmark:
    """A band (either end open) and a reference line (the national figure, the posts staffed) drawn on the chart;
    `position` says where a value lies: in the band when there is one, else against the reference."""

    text: str
    low: Decimal | None = None
    high: Decimal | None = None
    reference: Decimal | None = None
    reference_label: str = ""  # beside the line on the chart
    words: Words = ("", "", "")  # how the position is said; an open end of a band is never reached

    def position(self, value: Decimal | None) -> tuple[str, str]:
        """(BELOW, WITHIN or ABOVE, the same in words); ("", "") without a value or anything to compare it with."""
        if value is None:
            return "", ""
        if self.low is not None or self.high is not None:
            if self.low is not None and value < self.low:
                where = BELOW
            elif self.high is not None and value > self.high:
                where = ABOVE
            else:
                where = WITHIN
        elif self.reference is not None:
            where = BELOW if value < self.reference else ABOVE if value > self.reference else WITHIN
        else:
            return "", ""
        return where, str(self.words[(BELOW, WITHIN, ABOVE).index(where)])


EXPECTED_VOLUME = Benchmark(
    _("Expected about 40 a year per 10,000 women aged 16 or over; national 2024: 47."),
    low=Decimal(40),
    reference=Decimal(47),
    reference_label=NATIONAL,
    words=EXPECTED_LEVEL_WORDS,
)
REPEAT_RATE = Benchmark(
    _("Expected range about 28% to 40%; national 2024: 31%."),
    low=Decimal(28),
    high=Decimal(40),
    reference=Decimal(31),
    reference_label=NATIONAL,
    words=EXPECTED_RANGE_WORDS,
)
NON_POLICE_SHARE = Benchmark(
    _("Expected range about 25% to 40%; national 2024: 36.1%."),
    low=Decimal(25),
    high=Decimal(40),
    reference=Decimal("36.1"),
    reference_label=NATIONAL,
    words=EXPECTED_RANGE_WORDS,
)
CHILDREN_PER_CASE = Benchmark(
    _("National, year to September 2024: 1.24 a case (148,270 children for 119,985 cases). No expected range."),
    reference=Decimal("1.24"),
    reference_label=_("National"),
    words=NATIONAL_FIGURE_WORDS,
)
# The national MARAC figures for the equality groups, by the return's figure key.
EQUALITY_NATIONAL = {
    "minoritised": Decimal("14.1"),
    "lgbt": Decimal("1.6"),
    "disabled": Decimal("10.1"),
    "male": Decimal("6.4"),
    "aged_16_17": Decimal("1.3"),
}
IDVA_RULE = _("One full-time IDVA for about 100 referrals a year.")
ADMINISTRATOR_RULE = _("One full-time administrator for about 400 cases a year.")


def equality_benchmark(national: Decimal, population: Decimal | None) -> Benchmark:
    """Against the area's population share when it is configured, else against the national MARAC figure."""
    if population is None:
        return Benchmark(
            gettext("National MARAC 2024: %(national)s. The area's population share is not configured.")
            % {"national": percent_text(national)},
            reference=national,
            reference_label=NATIONAL,
            words=NATIONAL_MARAC_FIGURE_WORDS,
        )
    return Benchmark(
        gettext("The area's population: %(population)s; national MARAC 2024: %(national)s.")
        % {"population": percent_text(population), "national": percent_text(national)},
        low=population,
        reference=national,
        reference_label=NATIONAL,
        words=POPULATION_WORDS,
    )


def days_to_meeting_benchmark(days: int) -> Benchmark:
    return Benchmark(
        ngettext(
            "The partnership's own target: heard within %(days)s day of the referral. A local target, not a national "
            "benchmark.",
            "The partnership's own target: heard within %(days)s days of the referral. A local target, not a "
            "national benchmark.",
            days,
        )
        % {"days": count_text(days)},
        high=Decimal(days),
        words=LOCAL_TARGET_LIMIT_WORDS,
    )


def actions_benchmark(percent: int) -> Benchmark:
    return Benchmark(
        gettext(
            "The partnership's own target: %(percent)s of actions done by their due date. A local target, not a "
            "national benchmark."
        )
        % {"percent": percent_text(percent)},
        low=Decimal(percent),
        words=LOCAL_TARGET_TO_REACH_WORDS,
    )


def capacity_benchmark(rule: str, staffed: Decimal | None) -> Benchmark:
    if staffed is None:
        return Benchmark(gettext("%(rule)s The posts staffed are not configured.") % {"rule": rule})
    return Benchmark(
        gettext("%(rule)s Staffed: %(staffed)s full-time equivalent.")
        % {"rule": rule, "staffed": decimal_text(staffed)},
        reference=staffed,
        reference_label=gettext("Staffed"),
        words=CAPACITY_WORDS,
    )


def breach_benchmark(hours: int) -> Benchmark:
    return Benchmark(
        ngettext(
            "The locality's own target: answered within %(hours)s hour of the report (the perpetrator settings). A "
            "local target, not a national benchmark.",
            "The locality's own target: answered within %(hours)s hours of the report (the perpetrator settings). A "
            "local target, not a national benchmark.",
            hours,
        )
        % {"hours": count_text(hours)},
        high=Decimal(hours),
        words=RESPONSE_TARGET_WORDS,
    )
