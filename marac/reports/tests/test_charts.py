"""The server-drawn charts: what they say to a screen reader, where the bars and bands fall, and escaping."""

import re
from decimal import Decimal

from marac.reports.charts import Point, bar_chart, format_value, trend_chart


def _rects(svg: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'(\w+)="([^"]*)"', rect)) for rect in re.findall(r"<rect [^>]*/>", svg)]


def test_values_are_formatted_by_unit():
    assert format_value(Decimal("31"), "%") == "31.0%"
    assert format_value(Decimal("12"), "days") == "12 days"
    assert format_value(Decimal("1.25"), "per case") == "1.25 per case"
    assert format_value(Decimal("1500"), "") == "1,500"
    assert format_value(None, "%") == "no value"


def test_trend_chart_names_every_value_and_the_band_for_a_screen_reader():
    svg = trend_chart(
        [Point("2026 Q1", Decimal("25.0")), Point("2026 Q2", None), Point("2026 Q3", Decimal("33.3"))],
        title="Repeat rate",
        unit="%",
        low=Decimal(28),
        high=Decimal(40),
        reference=Decimal(31),
        reference_label="National 31%",
    )
    assert 'role="img"' in svg and ">Repeat rate</title>" in svg
    assert "2026 Q1: 25.0%; 2026 Q2: no value; 2026 Q3: 33.3%." in svg
    assert "Expected range shaded: 28.0% to 40.0%." in svg
    assert "Dashed line: National 31% 31.0%." in svg
    band, *columns = _rects(svg)
    assert band["fill"] == "#cce2d8"
    assert len(columns) == 2  # the withheld quarter is a gap, not a zero column
    # The axis tops at 50 (33.3 and 40 padded by 15%, rounded up), over a plot 192 high starting at 16.
    assert float(band["y"]) == round(16 + 192 - 40 / 50 * 192, 1)
    assert float(columns[1]["height"]) == round(33.3 / 50 * 192, 1)


def test_an_open_band_runs_to_the_top_of_the_axis():
    svg = trend_chart([Point("Q", Decimal(47))], title="Volume", low=Decimal(40))
    band = _rects(svg)[0]
    assert float(band["y"]) == 16
    assert "Expected range shaded: 40 or more." in svg


def test_bar_chart_draws_one_bar_a_row_with_the_target():
    svg = bar_chart(
        [Point("Police", Decimal(80)), Point("Housing", Decimal(100)), Point("Health", None)],
        title="Actions done on time",
        unit="%",
        target=Decimal(90),
        target_label="Target 90%",
        maximum=Decimal(100),
    )
    bars = _rects(svg)
    assert [float(bar["width"]) for bar in bars] == [272.0, 340.0]
    assert "Police: 80.0%; Housing: 100.0%; Health: no value. Dashed line: Target 90% 90.0%." in svg


def test_labels_are_escaped_and_long_ones_shortened():
    svg = bar_chart([Point("<b>Agency</b> with a very long name indeed, longer than most", Decimal(1))], title="<x>")
    assert "<b>" not in svg and "&lt;b&gt;Agency" in svg
    assert "<title" in svg and "&lt;x&gt;</title>" in svg
    assert "…</text>" in svg
