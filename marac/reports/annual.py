"""The annual review pack: the year's return quarter by quarter, the dashboard of its last quarter, the year's
monitoring measures, and the measures outside their expected range, for the partnership's improvement plan."""

from dataclasses import dataclass

from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.reports.calculation import count_year
from marac.reports.figures import Figure
from marac.reports.kpi_presentation import Dashboard, Measure
from marac.reports.kpi_presentation import dashboard as kpi_dashboard
from marac.reports.kpis import ABOVE, WITHIN
from marac.reports.monitoring import Period
from marac.reports.monitoring_presentation import Monitoring, monitoring_for
from marac.reports.presentation import DataReturn, FigureRow, build_return
from marac.reports.quarters import Quarter
from marac.reports.selectors import report_settings


@dataclass(frozen=True)
class YearRow:
    figure: Figure
    cells: list[FigureRow]  # one a quarter, then the year


@dataclass(frozen=True)
class YearReturn:
    data: DataReturn
    rows: list[YearRow]

    @property
    def labels(self) -> list[str]:
        return [column.label for column in self.data.meetings] + [gettext("Year")]


def year_return(*, actor: Actor, last: Quarter) -> YearReturn:
    """The four quarters' returns and the year's, suppressed as the quarterly return is for whoever may not see
    cases (the quarters add up to the year as meetings add up to a quarter)."""
    data = build_return(
        count_year(actor.locality, last),
        report_settings(actor.locality),
        suppress=not policy.has_permission(actor, "report.cases"),
    )
    columns = data.columns
    rows = [
        YearRow(row.figure, [column.rows[index] for column in columns]) for index, row in enumerate(data.total.rows)
    ]
    return YearReturn(data=data, rows=rows)


@dataclass(frozen=True)
class OutsideRange:
    label: str
    value: str
    expected: str


@dataclass(frozen=True)
class AnnualReview:
    first: Quarter
    last: Quarter
    suppressed: bool
    threshold: int
    year: YearReturn
    dashboard: Dashboard
    monitoring: Monitoring
    outside_range: list[OutsideRange]

    @property
    def period_label(self) -> str:
        return str(Period.ending(self.last))

    @property
    def marking(self) -> str:
        if self.suppressed:
            return gettext("OFFICIAL – aggregates with small counts suppressed")
        return gettext("OFFICIAL-SENSITIVE – unsuppressed counts: share only within the MARAC partnership")


# Measures compared with a reference and no band, where one side of it calls for action: more posts needed than
# staffed.
_CONCERN_ABOVE_REFERENCE = frozenset({"idva_capacity", "administrator_capacity"})


def _needs_attention(measure: Measure) -> bool:
    if not measure.position:
        return False
    if measure.benchmark.low is not None or measure.benchmark.high is not None:
        return measure.position != WITHIN
    return measure.key in _CONCERN_ABOVE_REFERENCE and measure.position == ABOVE


def outside_range(dashboard: Dashboard) -> list[OutsideRange]:
    """The dashboard's measures outside their band (or missing the local target), and capacity short of need."""
    return [
        OutsideRange(
            str(measure.label),
            # "42.9% (above the expected range)": the position's words mid-sentence, keeping "MARAC" in capitals.
            f"{measure.value.text} ({measure.position_text[:1].lower()}{measure.position_text[1:]})",
            str(measure.benchmark.text),
        )
        for section in dashboard.sections
        for measure in section.measures
        if _needs_attention(measure)
    ]


def annual_review_for(*, actor: Actor, last: Quarter) -> AnnualReview:
    """Everything the pack shows, each part suppressed for whoever may not see cases."""
    suppress = not policy.has_permission(actor, "report.cases")
    year = year_return(actor=actor, last=last)
    dashboard = kpi_dashboard(actor=actor, quarter=last)
    return AnnualReview(
        first=last.year_ending()[0],
        last=last,
        suppressed=suppress,
        threshold=year.data.threshold,
        year=year,
        dashboard=dashboard,
        monitoring=monitoring_for(actor.locality, last, suppress=suppress),
        outside_range=outside_range(dashboard),
    )
