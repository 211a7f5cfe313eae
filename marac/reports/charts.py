"""Charts drawn on the server as inline SVG: no script, nothing fetched, the same in the browser and in a PDF.

A chart is never the only way to read its numbers: every page shows the table it is drawn from beside it. The SVG
still names itself (`role="img"`, a title and a description listing every value) for screen readers that reach it.
Colours are the house palette's; a withheld or undefined value is a gap with a dash, never a zero.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import count

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from marac.reports.numbers import percent_text, trimmed_text

BAR = "#1d70b8"
BAND = "#cce2d8"
REFERENCE = "#505a5f"
TARGET = "#d4351c"
TEXT = "#0b0c0c"
AXIS = "#b1b4b6"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"

_ids = count(1)


@dataclass(frozen=True)
class Point:
    label: str
    value: Decimal | None  # None: withheld or undefined, drawn as a gap


def format_value(value: Decimal | None, unit: str) -> str:
    """A value with its unit in the active language: "31.0%", "12 days", "3 h", "1,500"."""
    if value is None:
        return gettext("no value")
    if unit == "%":
        return percent_text(value.quantize(Decimal("0.1")))
    text = trimmed_text(value)
    # The plural form follows the number as a whole: 1 day, 1.5 days.
    plural = 1 if value == 1 else 2
    if unit == "days":
        return ngettext("%(days)s day", "%(days)s days", plural) % {"days": text}
    if unit == "h":
        return gettext("%(hours)s h") % {"hours": text}
    if unit == "referrals":
        return ngettext("%(referrals)s referral", "%(referrals)s referrals", plural) % {"referrals": text}
    return f"{text} {unit}".strip()


def _scale_top(values: Sequence[Decimal | None]) -> Decimal:
    """A round top for the axis a little above the largest value, so the tallest column has room for its label."""
    largest = max((value for value in values if value is not None), default=Decimal(0))
    if largest <= 0:
        return Decimal(1)
    padded = largest * Decimal("1.15")
    magnitude = Decimal(10) ** (len(str(int(padded))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = magnitude * Decimal(str(step))
        if top >= padded:
            return top
    return magnitude * 10


def _description(points: Sequence[Point], unit: str, extra: str) -> str:
    values = "; ".join(
        gettext("%(label)s: %(value)s") % {"label": point.label, "value": format_value(point.value, unit)}
        for point in points
    )
    return f"{values}. {extra}".strip()


def _svg(width: int, height: int, title: str, description: str, body: SafeString) -> SafeString:
    identifier = f"chart-{next(_ids)}"
    return format_html(
        '<svg class="marac-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="{}-title {}-desc" font-family="{}" font-size="12">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        width,
        height,
        identifier,
        identifier,
        FONT,
        identifier,
        title,
        identifier,
        description,
        body,
    )


def trend_chart(
    points: Sequence[Point],
    *,
    title: str,
    unit: str = "",
    low: Decimal | None = None,
    high: Decimal | None = None,
    reference: Decimal | None = None,
    reference_label: str = "",
) -> SafeString:
    """Columns over time, with the expected band (low to high, either open) shaded and a reference line."""
    width, height, left, right, top, bottom = 600, 240, 56, 96, 16, 32
    plot_width, plot_height = width - left - right, height - top - bottom
    scale = _scale_top([point.value for point in points] + [low, high, reference])

    def y(value: Decimal) -> float:
        return round(top + plot_height - float(min(value, scale) / scale) * plot_height, 1)

    parts = []
    if low is not None or high is not None:
        band_top, band_bottom = y(high if high is not None else scale), y(low if low is not None else Decimal(0))
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                left,
                band_top,
                plot_width,
                round(band_bottom - band_top, 1),
                BAND,
            )
        )
    for tick in (Decimal(0), scale / 2, scale):
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>'
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                left,
                left + plot_width,
                y(tick),
                y(tick),
                AXIS,
                left - 6,
                y(tick) + 4,
                TEXT,
                format_value(tick, unit),
            )
        )
    slot = plot_width / max(len(points), 1)
    column_width = round(slot * 0.6, 1)
    for index, point in enumerate(points):
        centre = round(left + slot * index + slot / 2, 1)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
                centre,
                height - bottom + 18,
                TEXT,
                point.label,
            )
        )
        if point.value is None:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" fill="{}">–</text>', centre, y(Decimal(0)) - 6, REFERENCE
                )
            )
            continue
        column_top = y(point.value)
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
                round(centre - column_width / 2, 1),
                column_top,
                column_width,
                round(y(Decimal(0)) - column_top, 1),
                BAR,
                centre,
                column_top - 4,
                TEXT,
                format_value(point.value, unit),
            )
        )
    if reference is not None:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/>'
                '<text x="{}" y="{}" fill="{}">{}</text>',
                left,
                left + plot_width,
                y(reference),
                y(reference),
                REFERENCE,
                left + plot_width + 6,
                y(reference) + 4,
                REFERENCE,
                reference_label or format_value(reference, unit),
            )
        )
    extra = []
    if low is not None or high is not None:
        extra.append(gettext("Expected range shaded: %(range)s.") % {"range": _range_text(low, high, unit)})
    if reference is not None:
        extra.append(_dashed_line(reference_label or gettext("reference"), format_value(reference, unit)))
    return _svg(width, height, title, _description(points, unit, " ".join(extra)), _joined(parts))


def bar_chart(
    points: Sequence[Point],
    *,
    title: str,
    unit: str = "",
    target: Decimal | None = None,
    target_label: str = "",
    maximum: Decimal | None = None,
) -> SafeString:
    """Horizontal bars, one a row (agencies, stages, groups), with a target line across them."""
    row_height, label_width, value_width, top, bottom = 26, 220, 80, 8, 24
    width = 640
    plot_width = width - label_width - value_width
    height = top + bottom + row_height * max(len(points), 1)
    scale = maximum if maximum is not None else _scale_top([point.value for point in points] + [target])

    def x(value: Decimal) -> float:
        return round(label_width + float(min(value, scale) / scale) * plot_width, 1)

    parts = []
    for index, point in enumerate(points):
        row_top = top + row_height * index
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                label_width - 8,
                row_top + row_height / 2 + 4,
                TEXT,
                _shortened(str(point.label)),
            )
        )
        shown = format_value(point.value, unit) if point.value is not None else "–"
        bar_end = x(point.value) if point.value is not None else label_width
        if point.value is not None:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    label_width,
                    row_top + 4,
                    round(bar_end - label_width, 1),
                    row_height - 8,
                    BAR,
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" fill="{}">{}</text>', bar_end + 6, row_top + row_height / 2 + 4, TEXT, shown
            )
        )
    axis_y = top + row_height * len(points)
    parts.append(
        format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>', label_width, label_width, top, axis_y, AXIS)
    )
    if target is not None:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/>'
                '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
                x(target),
                x(target),
                top,
                axis_y,
                TARGET,
                x(target),
                axis_y + 16,
                TARGET,
                target_label or format_value(target, unit),
            )
        )
    extra = _dashed_line(target_label or gettext("target"), format_value(target, unit)) if target is not None else ""
    return _svg(width, height, title, _description(points, unit, extra), _joined(parts))


def _dashed_line(label: str, value: str) -> str:
    return gettext("Dashed line: %(label)s %(value)s.") % {"label": label, "value": value}


def _range_text(low: Decimal | None, high: Decimal | None, unit: str) -> str:
    if low is not None and high is not None:
        return gettext("%(low)s to %(high)s") % {"low": format_value(low, unit), "high": format_value(high, unit)}
    if low is not None:
        return gettext("%(low)s or more") % {"low": format_value(low, unit)}
    return gettext("up to %(high)s") % {"high": format_value(high, unit)}


def _shortened(label: str, limit: int = 32) -> str:
    """SVG text does not wrap; the full label is in the table beside the chart and in the description."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _joined(parts: list[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))
