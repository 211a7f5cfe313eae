"""The risk-over-time chart on the case page: every assessment's final level by date, drawn on the server as SVG.

A level holds until the next assessment changes it, so the line steps rather than slopes, and it runs on to today
to show how long the case has gone without a new assessment.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext, ngettext

from marac.risk.scales import Scale

WIDTH = 640
HEIGHT = 240
PLOT_LEFT = 118  # room for the longest level label, "Not appreciated" (in Spanish "No apreciado" is shorter)
PLOT_RIGHT = WIDTH - 40  # room for the last date label, centred on its tick
PLOT_TOP = 44  # room for the "Review due" and "Today" labels above the plot
PLOT_BOTTOM = HEIGHT - 36
DATE_TICKS = 4
DATE_FORMAT = "j M Y"
MARKER_END_ANCHORED_FROM = WIDTH - 110  # x beyond which a marker's label ends at its line rather than centring


@dataclass(frozen=True)
class ChartPoint:
    x: str
    y: str
    assessed_at: dt.datetime
    level_label: str


@dataclass(frozen=True)
class Tick:
    position: str
    label: str


@dataclass(frozen=True)
class Marker:
    """A vertical line across the plot at a moment, labelled above it on its own row."""

    x: str
    label: str
    label_y: str
    # Near the right edge a centred label would run off the chart (more so in a language with longer words), so
    # there it ends at its line instead.
    anchor: str = "middle"


@dataclass(frozen=True)
class RiskChart:
    title: str
    description: str
    points: tuple[ChartPoint, ...]
    level_ticks: tuple[Tick, ...]
    date_ticks: tuple[Tick, ...]
    step_path: str  # through every assessment
    held_path: str  # from the latest assessment to today
    today: Marker
    review_due: Marker | None
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = PLOT_LEFT
    plot_right: int = PLOT_RIGHT
    plot_top: int = PLOT_TOP
    plot_bottom: int = PLOT_BOTTOM


def _number(value: float) -> str:
    # Formatted here, not in the template, so no locale can turn the decimal point into a comma.
    return f"{value:.1f}"


def _anchor(x: float) -> str:
    return "end" if x > MARKER_END_ANCHORED_FROM else "middle"


def risk_chart(
    *,
    history: Sequence[tuple[dt.datetime, str]],
    scale: Scale,
    next_review_due: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> RiskChart | None:
    """The chart of (assessed at, final level on `scale`) pairs, in any order; None when there are none."""
    if not history:
        return None
    now = now or timezone.now()
    history = sorted(history)
    start = min(history[0][0], next_review_due or history[0][0])
    end = max(now, history[-1][0], next_review_due or now)
    span = max((end - start).total_seconds(), dt.timedelta(days=1).total_seconds())
    inner_left, inner_right = PLOT_LEFT + 12, PLOT_RIGHT - 12

    def x_of(moment: dt.datetime) -> float:
        return inner_left + (inner_right - inner_left) * (moment - start).total_seconds() / span

    steps = max(len(scale.values) - 1, 1)

    # The lowest level sits above the axis, so a line along it stays visible.
    lowest_y, highest_y = PLOT_BOTTOM - 16, PLOT_TOP + 8

    def y_of(level: str) -> float:
        return lowest_y - (lowest_y - highest_y) * scale.rank(level) / steps

    points = tuple(
        ChartPoint(
            x=_number(x_of(moment)), y=_number(y_of(level)), assessed_at=moment, level_label=str(scale.label(level))
        )
        for moment, level in history
    )
    path = [f"M {points[0].x} {points[0].y}"]
    for point in points[1:]:
        path.append(f"H {point.x} V {point.y}")
    last = points[-1]

    dates = [start + (end - start) * index / DATE_TICKS for index in range(DATE_TICKS + 1)]
    date_ticks, seen = [], set()
    for moment in dates:
        label = format_date(timezone.localtime(moment), DATE_FORMAT)
        if label not in seen:
            seen.add(label)
            date_ticks.append(Tick(position=_number(x_of(moment)), label=label))

    review_due = None
    if next_review_due is not None:
        label = gettext("Review overdue") if next_review_due < now else gettext("Review due")
        review_due = Marker(
            x=_number(x_of(next_review_due)),
            label=label,
            label_y=_number(PLOT_TOP - 26),
            anchor=_anchor(x_of(next_review_due)),
        )
    readings = "; ".join(
        f"{format_date(timezone.localtime(moment), DATE_FORMAT)}: {scale.label(level)}" for moment, level in history
    )
    description = ngettext(
        "Final risk level at each of %(count)s assessment: %(readings)s.",
        "Final risk level at each of %(count)s assessments: %(readings)s.",
        len(history),
    ) % {"count": len(history), "readings": readings}
    if next_review_due is not None:
        description += " " + gettext("Next review due %(date)s.") % {
            "date": format_date(timezone.localtime(next_review_due), DATE_FORMAT)
        }
    return RiskChart(
        title=gettext("Final risk level over time"),
        description=description,
        points=points,
        level_ticks=tuple(Tick(position=_number(y_of(value)), label=str(label)) for value, label in scale.levels),
        date_ticks=tuple(date_ticks),
        step_path=" ".join(path),
        held_path=f"M {last.x} {last.y} H {_number(x_of(now))}",
        today=Marker(
            x=_number(x_of(now)), label=gettext("Today"), label_y=_number(PLOT_TOP - 10), anchor=_anchor(x_of(now))
        ),
        review_due=review_due,
    )
