"""The return as shown: each figure's cells per meeting and for the quarter, suppressed for whoever sees aggregates
only. The page and both exports read this one structure, so they cannot disagree."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from marac.reports.calculation import RawReturn
from marac.reports.figures import (
    AGENCY_TYPE_FIGURES,
    CASES,
    COUNT_FIGURES,
    EXPECTED_VOLUME_BENCHMARK,
    EXPECTED_VOLUME_EXPLANATION,
    Figure,
)
from marac.reports.models import DEFAULT_SUPPRESSION_THRESHOLD, ReportSettings
from marac.reports.numbers import count_text, decimal_text, percent_text
from marac.reports.suppression import TOTAL, hidden_cells

WITHHELD = gettext_lazy("withheld")


@dataclass(frozen=True)
class Shown:
    """One cell: its value when shown (None when hidden or not defined) and the text the reader sees."""

    value: int | Decimal | None
    text: str
    suppressed: bool = False


def withheld() -> Shown:
    """A cell from which a hidden count could be worked out."""
    return Shown(None, str(WITHHELD), suppressed=True)


def fewer_than(threshold: int) -> Shown:
    """A count below the threshold."""
    return Shown(None, gettext("fewer than %(threshold)s") % {"threshold": count_text(threshold)}, suppressed=True)


def count_shown(count: int) -> Shown:
    return Shown(count, count_text(count))


def percent_shown(percent: Decimal) -> Shown:
    return Shown(percent, percent_text(percent))


@dataclass(frozen=True)
class FigureRow:
    figure: Figure
    count: Shown
    share: Shown | None  # percentage of cases discussed, for the figures that have one


@dataclass(frozen=True)
class Column:
    """One meeting (meeting is None for the quarter's total) and its figures in the return's order."""

    label: str
    meeting_pk: int | None
    rows: list[FigureRow]


@dataclass(frozen=True)
class DataReturn:
    quarter_code: str
    quarter_label: str
    suppressed: bool
    threshold: int
    total: Column
    meetings: list[Column]
    expected_volume: Shown | None  # None when the adult female population is not configured
    adult_female_population: int | None

    @property
    def columns(self) -> list[Column]:
        return [*self.meetings, self.total]

    @property
    def adult_female_population_text(self) -> str:
        return count_text(self.adult_female_population) if self.adult_female_population is not None else ""


def _percent(part: int, whole: int) -> Decimal:
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def build_return(
    raw: RawReturn, settings: ReportSettings | None, *, suppress: bool, with_meetings: bool = True
) -> DataReturn:
    """The return as shown. `with_meetings=False` leaves out the column of each meeting, for readers of the total
    alone (the KPI dashboard); the total's cells are still withheld as the meetings' would require."""
    threshold = settings.suppression_threshold if settings else DEFAULT_SUPPRESSION_THRESHOLD
    population = settings.adult_female_population if settings else None
    counts_by_row = [(index, row.counts) for index, row in enumerate(raw.meetings)] + [(TOTAL, raw.total.counts)]
    values = {(row, key): value for row, counts in counts_by_row for key, value in counts.items()}
    primary, secondary = (
        hidden_cells(values, meetings=len(raw.meetings), threshold=threshold) if suppress else (set(), set())
    )
    fewer = fewer_than(threshold)

    def count_cell(cell) -> Shown:
        if cell in primary:
            return fewer
        if cell in secondary:
            return withheld()
        return count_shown(values[cell])

    def share_cell(row, key: str) -> Shown:
        cases = values[(row, CASES.key)]
        if (row, key) in primary | secondary or (row, CASES.key) in primary | secondary:
            return withheld()
        if cases == 0:
            return Shown(None, gettext("no cases"))
        return percent_shown(_percent(values[(row, key)], cases))

    def column(row, label: str, meeting_pk: int | None) -> Column:
        rows = [
            FigureRow(figure, count_cell((row, figure.key)), share_cell(row, figure.key) if figure.has_share else None)
            for figure in COUNT_FIGURES + AGENCY_TYPE_FIGURES
        ]
        return Column(label, meeting_pk, rows)

    meetings = [
        column(index, row.label, None)
        if row.meeting is None
        else column(index, date_format(timezone.localtime(row.meeting.scheduled_for), "d M Y"), row.meeting.pk)
        for index, row in enumerate(raw.meetings if with_meetings else [])
    ]
    total = column(TOTAL, gettext("Quarter total"), None)
    expected = None
    if population:
        if (TOTAL, CASES.key) in primary | secondary:
            expected = withheld()
        else:
            a_year = Decimal(raw.total.counts[CASES.key]) * 4 / raw.quarters_covered
            rate = (a_year * 10_000 / population).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            expected = Shown(rate, decimal_text(rate))
    return DataReturn(
        quarter_code=raw.quarter.code,
        quarter_label=str(raw.quarter),
        suppressed=suppress,
        threshold=threshold,
        total=total,
        meetings=meetings,
        expected_volume=expected,
        adult_female_population=population,
    )


EXPECTED_VOLUME = (EXPECTED_VOLUME_EXPLANATION, EXPECTED_VOLUME_BENCHMARK)
