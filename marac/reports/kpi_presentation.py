"""The KPI dashboard as shown: each measure of the selected quarter against its benchmark, with its trend over that
quarter and the three before it, and the actions due by owner agency; suppressed for whoever sees aggregates only.

The figures taken from the data return are its own cells (presentation.build_return), so the dashboard and the
return show the same numbers and withhold the same ones. Everything else is protected the same way: counts below the
threshold hidden, a count that a sum would give back withheld too, a share, rate or need withheld when its count or
base is hidden, and a median withheld when it rests on fewer items than the threshold.
"""

import datetime as dt
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.functional import lazy
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from marac.access import policy
from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.perpetrators.config import perpetrator_settings
from marac.perpetrators.timeliness import duration_words, median, timeliness
from marac.reports import kpis
from marac.reports.charts import Point, bar_chart, format_value, trend_chart
from marac.reports.figures import (
    AGED_16_17,
    CASES,
    CHILDREN,
    DISABLED,
    EXPECTED_VOLUME_EXPLANATION,
    LGBT,
    MALE,
    MINORITISED,
    NON_POLICE,
    REPEATS,
)
from marac.reports.kpis import AgencyActions, Benchmark, QuarterCounts
from marac.reports.models import ReportSettings
from marac.reports.numbers import decimal_text, percent_text
from marac.reports.presentation import (
    FigureRow,
    Shown,
    build_return,
    count_shown,
    fewer_than,
    percent_shown,
    withheld,
)
from marac.reports.protection import Sum, protect
from marac.reports.quarters import Quarter
from marac.reports.selectors import report_settings

TOTAL = "total"
NO_CASES = _("no cases")


@dataclass(frozen=True)
class TrendValue:
    quarter: str  # "2026 Q3", in the reader's language
    shown: Shown


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    explanation: str
    benchmark: Benchmark
    unit: str  # as the chart takes it: "%", "days", "h" or ""
    value: Shown  # the selected quarter's
    position: str  # kpis.BELOW, WITHIN or ABOVE; "" when withheld or there is nothing to compare with
    position_text: str
    details: tuple[tuple[str, Shown], ...]  # the counts behind the value, in the selected quarter
    trend: tuple[TrendValue, ...]  # oldest first, the selected quarter last
    chart: SafeString


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class ActionRow:
    agency: str
    due: Shown
    on_time: Shown
    late: Shown
    not_possible: Shown
    open: Shown
    overdue: Shown
    share_on_time: Shown


@dataclass(frozen=True)
class ActionsByAgency:
    rows: tuple[ActionRow, ...]
    total: ActionRow
    target_percent: int
    chart: SafeString

    @property
    def rows_and_total(self) -> tuple[ActionRow, ...]:
        return (*self.rows, self.total)


@dataclass(frozen=True)
class Dashboard:
    quarter_code: str
    quarter_label: str
    quarters: tuple[str, ...]  # the trend's quarters, oldest first
    suppressed: bool
    threshold: int
    sections: tuple[Section, ...]
    actions: ActionsByAgency  # the selected quarter's, by owner agency

    def measure(self, key: str) -> Measure:
        return next(measure for section in self.sections for measure in section.measures if measure.key == key)


def _rounded(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _percent(part: int, whole: int) -> Shown:
    return percent_shown(_rounded(Decimal(100) * part / whole, "0.1"))


class _Cells:
    """One small table's counts as shown, protected by protection.protect for whoever sees aggregates only. Cells
    that are never shown (the parts a sum implies) take part in the protection all the same."""

    def __init__(self, values: Mapping[Hashable, int], sums: Sequence[Sum], *, threshold: int, suppress: bool):
        self.values, self.threshold = values, threshold
        primary, secondary = protect(values, sums, threshold=threshold) if suppress else (set(), set())
        self.primary, self.hidden = primary, primary | secondary

    def count(self, cell: Hashable) -> Shown:
        if cell in self.primary:
            return fewer_than(self.threshold)
        if cell in self.hidden:
            return withheld()
        return count_shown(self.values[cell])

    def share(self, part: Hashable, whole: Hashable, *, empty: str) -> Shown:
        if part in self.hidden or whole in self.hidden:
            return withheld()
        return _percent(self.values[part], self.values[whole]) if self.values[whole] else Shown(None, str(empty))


ACTION_COLUMNS = ("due", "on_time", "late", "not_possible", "open", "overdue")


def _actions(rows: Sequence[AgencyActions], *, threshold: int, suppress: bool) -> tuple[list[ActionRow], ActionRow]:
    """Per row, due = on time + late + not possible + open, and open = overdue + not yet due; per column, the
    agencies add up to the total."""
    columns = (*ACTION_COLUMNS, "open_in_time")
    keys = [*range(len(rows)), TOTAL]
    values = {(index, column): getattr(row, column) for index, row in enumerate(rows) for column in columns}
    values |= {(TOTAL, column): sum(getattr(row, column) for row in rows) for column in columns}
    sums: list[Sum] = [((TOTAL, column), [(index, column) for index in range(len(rows))]) for column in columns]
    for key in keys:
        sums.append(((key, "due"), [(key, "on_time"), (key, "late"), (key, "not_possible"), (key, "open")]))
        sums.append(((key, "open"), [(key, "overdue"), (key, "open_in_time")]))
    cells = _Cells(values, sums, threshold=threshold, suppress=suppress)

    def shown(key, agency: str) -> ActionRow:
        counts = {column: cells.count((key, column)) for column in ACTION_COLUMNS}
        share = cells.share((key, "on_time"), (key, "due"), empty=gettext("no actions due"))
        return ActionRow(agency=agency, share_on_time=share, **counts)

    return [shown(index, row.agency) for index, row in enumerate(rows)], shown(TOTAL, gettext("All agencies"))


@dataclass(frozen=True)
class _View:
    """One quarter's figures as shown, from which each measure reads its value."""

    label: str
    settings: ReportSettings
    suppress: bool
    figures: dict[str, FigureRow]  # the return's quarter total, by figure key
    expected_volume: Shown | None
    referrals: Shown
    days: tuple[int, ...]
    heard: _Cells  # items, within (the target), beyond
    actions: tuple[list[ActionRow], ActionRow]
    breaches: _Cells  # reported, answered, unanswered, within (the target), beyond
    breach_median: dt.timedelta | None
    target_hours: int

    def median_withheld(self, items: int) -> bool:
        return self.suppress and items < self.settings.suppression_threshold


def _view(counts: QuarterCounts, settings: ReportSettings, *, suppress: bool, target_hours: int) -> _View:
    threshold = settings.suppression_threshold
    data = build_return(counts.data_return, settings, suppress=suppress, with_meetings=False)
    target_days = settings.referral_to_meeting_target_days
    within_days = sum(1 for days in counts.days_to_meeting if days <= target_days)
    items = len(counts.days_to_meeting)
    answered = timeliness(counts.breach_responses, target_hours=target_hours).overall
    return _View(
        label=counts.quarter.short_label,
        settings=settings,
        suppress=suppress,
        figures={row.figure.key: row for row in data.total.rows},
        expected_volume=data.expected_volume,
        referrals=_Cells({"referrals": counts.referrals}, [], threshold=threshold, suppress=suppress).count(
            "referrals"
        ),
        days=counts.days_to_meeting,
        heard=_Cells(
            {"items": items, "within": within_days, "beyond": items - within_days},
            [("items", ["within", "beyond"])],
            threshold=threshold,
            suppress=suppress,
        ),
        actions=_actions(counts.actions, threshold=threshold, suppress=suppress),
        breaches=_Cells(
            {
                "reported": counts.breaches,
                "answered": answered.count,
                "unanswered": counts.breaches - answered.count,
                "within": answered.within_target,
                "beyond": answered.count - answered.within_target,
            },
            [("reported", ["answered", "unanswered"]), ("answered", ["within", "beyond"])],
            threshold=threshold,
            suppress=suppress,
        ),
        breach_median=answered.median,
        target_hours=target_hours,
    )


Reading = tuple[Shown, tuple[tuple[str, Shown], ...]]  # a quarter's value, and the counts behind it


@dataclass(frozen=True)
class _Spec:
    """One measure: how a quarter's value is read, and what it is set against (from the selected quarter)."""

    key: str
    label: str
    explanation: str
    read: Callable[[_View], Reading]
    benchmark: Callable[[_View], Benchmark]
    unit: str = ""

    def measure(self, views: Sequence[_View]) -> Measure:
        readings = [self.read(view) for view in views]
        value, details = readings[-1]
        benchmark = self.benchmark(views[-1])
        position, position_text = benchmark.position(value.value)
        trend = tuple(TrendValue(view.label, shown) for view, (shown, _) in zip(views, readings, strict=True))
        points = [
            Point(item.quarter, None if item.shown.value is None else Decimal(item.shown.value)) for item in trend
        ]
        chart = trend_chart(
            points,
            title=self.label,
            unit=self.unit,
            low=benchmark.low,
            high=benchmark.high,
            reference=benchmark.reference,
            reference_label=benchmark.reference_label,
        )
        return Measure(
            self.key,
            self.label,
            self.explanation,
            benchmark,
            self.unit,
            value,
            position,
            position_text,
            details,
            trend,
            chart,
        )


def _posts_needed(count: Shown, handled_a_year: int) -> Shown:
    """The full-time posts a quarter's count calls for: four quarters' worth over what one post handles a year."""
    if count.suppressed:
        return withheld()
    value = _rounded(Decimal(count.value) * 4 / handled_a_year, "0.01")
    return Shown(value, decimal_text(value))


def _cases(view: _View) -> Shown:
    return view.figures[CASES.key].count


def _share_reading(key: str) -> Callable[[_View], Reading]:
    def read(view: _View) -> Reading:
        row = view.figures[key]
        return row.share, ((str(CASES.label), _cases(view)), (str(row.figure.label), row.count))

    return read


def _volume_reading(view: _View) -> Reading:
    population = view.settings.adult_female_population
    return view.expected_volume, (
        (str(CASES.label), _cases(view)),
        (gettext("Women aged 16 or over in the area"), count_shown(population)),
    )


def _children_reading(view: _View) -> Reading:
    children, cases = view.figures[CHILDREN.key].count, _cases(view)
    if children.suppressed or cases.suppressed:
        value = withheld()
    elif not cases.value:
        value = Shown(None, str(NO_CASES))
    else:
        per_case = _rounded(Decimal(children.value) / cases.value, "0.01")
        value = Shown(per_case, decimal_text(per_case))
    return value, ((str(CASES.label), cases), (gettext("Children"), children))


def _days_reading(view: _View) -> Reading:
    target = view.settings.referral_to_meeting_target_days
    items = len(view.days)
    if view.median_withheld(items):
        value = withheld()
    elif not items:
        value = Shown(None, str(NO_CASES))
    else:
        middle = median([dt.timedelta(days=days) for days in view.days])
        days = _rounded(Decimal(middle.total_seconds()) / 86_400, "0.1")
        value = Shown(days, format_value(days, "days"))
    return value, (
        (str(CASES.label), view.heard.count("items")),
        (
            ngettext("Heard within %(days)s day", "Heard within %(days)s days", target) % {"days": target},
            view.heard.count("within"),
        ),
        (
            ngettext("Share heard within %(days)s day", "Share heard within %(days)s days", target) % {"days": target},
            view.heard.share("within", "items", empty=NO_CASES),
        ),
    )


def _actions_reading(view: _View) -> Reading:
    total = view.actions[1]
    return total.share_on_time, (
        (gettext("Actions due"), total.due),
        (gettext("Done on time"), total.on_time),
        (gettext("Done late"), total.late),
        (gettext("Not possible"), total.not_possible),
        (gettext("Still open"), total.open),
        (gettext("Of those, overdue"), total.overdue),
    )


def _idva_reading(view: _View) -> Reading:
    return _posts_needed(view.referrals, 100), ((gettext("Referrals received"), view.referrals),)


def _administrator_reading(view: _View) -> Reading:
    return _posts_needed(_cases(view), 400), ((str(CASES.label), _cases(view)),)


def _breach_reading(view: _View) -> Reading:
    cells = view.breaches
    if view.median_withheld(cells.values["answered"]):
        value = withheld()
    elif view.breach_median is None:
        value = Shown(None, gettext("none answered"))
    else:
        hours = _rounded(Decimal(view.breach_median.total_seconds()) / 3600, "0.1")
        value = Shown(hours, duration_words(view.breach_median))
    return value, (
        (gettext("Breaches reported"), cells.count("reported")),
        (gettext("Answered"), cells.count("answered")),
        (gettext("Not answered"), cells.count("unanswered")),
        (gettext("Answered within the target"), cells.count("within")),
        (
            gettext("Share answered within the target"),
            cells.share("within", "answered", empty=gettext("none answered")),
        ),
    )


def _as_a_share(explanation: str) -> str:
    return gettext("As a share of the cases discussed. %(explanation)s") % {"explanation": explanation}


# Read in the language of each page, like the figure's own explanation it begins with.
_as_a_share_lazy = lazy(_as_a_share, str)
_EXPECTED_VOLUME = _Spec(
    "expected_volume",
    _("Cases per 10,000 women aged 16 or over, a year"),
    EXPECTED_VOLUME_EXPLANATION,
    _volume_reading,
    lambda view: kpis.EXPECTED_VOLUME,
)
_REPEAT_RATE = _Spec(
    "repeat_rate",
    _("Repeat rate"),
    _as_a_share_lazy(REPEATS.explanation),
    _share_reading(REPEATS.key),
    lambda view: kpis.REPEAT_RATE,
    "%",
)
_NON_POLICE_SHARE = _Spec(
    "non_police_share",
    NON_POLICE.label,
    _as_a_share_lazy(NON_POLICE.explanation),
    _share_reading(NON_POLICE.key),
    lambda view: kpis.NON_POLICE_SHARE,
    "%",
)
# Each group against the area's population share from the locality's settings (the field named here).
_EQUALITY = tuple(
    _Spec(
        figure.key,
        figure.label,
        _as_a_share_lazy(figure.explanation),
        _share_reading(figure.key),
        lambda view, figure=figure, field=field: kpis.equality_benchmark(
            kpis.EQUALITY_NATIONAL[figure.key], getattr(view.settings, field)
        ),
        "%",
    )
    for figure, field in (
        (MINORITISED, "population_minoritised_percent"),
        (LGBT, "population_lgbt_percent"),
        (DISABLED, "population_disabled_percent"),
        (MALE, "population_male_percent"),
        (AGED_16_17, "population_aged_16_17_percent"),
    )
)
_CHILDREN_PER_CASE = _Spec(
    "children_per_case",
    _("Children per case discussed"),
    _(
        "The children in the households as given on each case's referral to the meeting, added up, divided by the "
        "cases discussed."
    ),
    _children_reading,
    lambda view: kpis.CHILDREN_PER_CASE,
)
_DAYS_TO_MEETING = _Spec(
    "days_to_meeting",
    _("Days from referral to meeting (median)"),
    _(
        "For each case discussed at a MARAC meeting held in the quarter, the calendar days (local time) from the "
        "referral that brought it to that meeting to the meeting; the median is the middle one."
    ),
    _days_reading,
    lambda view: kpis.days_to_meeting_benchmark(view.settings.referral_to_meeting_target_days),
    "days",
)
_ACTIONS_ON_TIME = _Spec(
    "actions_on_time",
    _("Actions done on time"),
    _(
        "MARAC actions whose due date falls in the quarter: the share done on or before the due date (the local "
        "date they were marked done). Done late, found not possible and still open (open or in progress; overdue "
        "once the due date has passed) make up the rest. MATAC actions are recorded apart and are not counted here."
    ),
    _actions_reading,
    lambda view: kpis.actions_benchmark(view.settings.actions_on_time_target_percent),
    "%",
)
_IDVA_CAPACITY = _Spec(
    "idva_capacity",
    _("Full-time IDVAs needed"),
    _("Referrals received in the quarter, whatever became of them, times four for a year, divided by 100."),
    _idva_reading,
    lambda view: kpis.capacity_benchmark(kpis.IDVA_RULE, view.settings.idva_fte),
)
_ADMINISTRATOR_CAPACITY = _Spec(
    "administrator_capacity",
    _("Full-time administrators needed"),
    _("Cases discussed in the quarter, times four for a year, divided by 400."),
    _administrator_reading,
    lambda view: kpis.capacity_benchmark(kpis.ADMINISTRATOR_RULE, view.settings.administrator_fte),
)
_BREACH_RESPONSE = _Spec(
    "breach_response",
    _("Time to answer a breach of an order (median)"),
    _(
        "Breaches of orders reported in the quarter (local time), and for each one answered the time from its "
        "report to the response; the median is the middle one."
    ),
    _breach_reading,
    lambda view: kpis.breach_benchmark(view.target_hours),
    "h",
)
NO_POPULATION = _(
    "The cases per 10,000 women need the area's population of women aged 16 or over, which is not configured for "
    "this locality."
)
EQUALITY_INTRO = _(
    "Each group's share of the cases discussed, against its share of the area's population where that is "
    "configured, and the national MARAC figure."
)


def _sections(views: Sequence[_View]) -> tuple[Section, ...]:
    configured = bool(views[-1].settings.adult_female_population)
    volume = (_EXPECTED_VOLUME,) if configured else ()
    layout = (
        (
            "volume",
            gettext("Volume and referral routes"),
            "" if configured else NO_POPULATION,
            (*volume, _REPEAT_RATE, _NON_POLICE_SHARE),
        ),
        ("equality", gettext("Equality"), EQUALITY_INTRO, _EQUALITY),
        ("children", gettext("Children"), "", (_CHILDREN_PER_CASE,)),
        ("timeliness", gettext("Time from referral to meeting"), "", (_DAYS_TO_MEETING,)),
        ("actions", gettext("Actions"), "", (_ACTIONS_ON_TIME,)),
        ("capacity", gettext("IDVA and administrator capacity"), "", (_IDVA_CAPACITY, _ADMINISTRATOR_CAPACITY)),
        ("breaches", gettext("Responses to breaches of orders"), "", (_BREACH_RESPONSE,)),
    )
    return tuple(
        Section(key, title, intro, tuple(spec.measure(views) for spec in specs)) for key, title, intro, specs in layout
    )


def build_dashboard(locality: Locality, quarter: Quarter, *, suppress: bool, today: dt.date | None = None) -> Dashboard:
    """The dashboard of `quarter` and the three before it; `suppress` for whoever may not see the cases."""
    settings = report_settings(locality) or ReportSettings(locality=locality)
    target_hours = perpetrator_settings(locality).response_target_hours
    counts = kpis.count_kpis(locality, quarter.year_ending(), today=today or timezone.localdate())
    views = [_view(quarter_counts, settings, suppress=suppress, target_hours=target_hours) for quarter_counts in counts]
    rows, total = views[-1].actions
    target = settings.actions_on_time_target_percent
    chart = bar_chart(
        [Point(row.agency, row.share_on_time.value) for row in rows],
        title=gettext("Actions done on time, by owner agency"),
        unit="%",
        target=Decimal(target),
        target_label=gettext("Target %(percent)s") % {"percent": percent_text(target)},
        maximum=Decimal(100),
    )
    return Dashboard(
        quarter_code=quarter.code,
        quarter_label=str(quarter),
        quarters=tuple(view.label for view in views),
        suppressed=suppress,
        threshold=settings.suppression_threshold,
        sections=_sections(views),
        actions=ActionsByAgency(rows=tuple(rows), total=total, target_percent=target, chart=chart),
    )


def dashboard(*, actor: Actor, quarter: Quarter, today: dt.date | None = None) -> Dashboard:
    """Every number for whoever may follow the figures to the cases; aggregates, suppressed, for the rest."""
    suppress = not policy.has_permission(actor, "report.cases")
    return build_dashboard(actor.locality, quarter, suppress=suppress, today=today)
