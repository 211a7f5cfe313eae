"""The analyst's return: counts below the threshold shown as 'fewer than N', and no hidden count can be worked back."""

from decimal import Decimal

import pytest

from marac.reports.calculation import count_return
from marac.reports.models import ReportSettings
from marac.reports.presentation import WITHHELD, build_return
from marac.reports.suppression import TOTAL, hidden_cells
from marac.reports.tests.factories import QUARTER, build_quarter

pytestmark = pytest.mark.django_db


def _cells(column) -> dict[str, str]:
    return {row.figure.key: row.count.text for row in column.rows}


def test_default_threshold_hides_every_count_below_five(locale):
    build_quarter(locale)
    data = build_return(count_return(locale.locality, QUARTER), None, suppress=True)
    total = _cells(data.total)
    assert total["cases"] == "7"
    assert total["minoritised"] == "5"
    assert total["children"] == "12"
    for key in ("repeats", "non_police", "lgbt", "disabled", "male", "aged_16_17", "young_perpetrator"):
        assert total[key] == "fewer than 5", key
    assert total["agency_police"] == "fewer than 5"
    # Each meeting had fewer than five cases: every count of both is hidden but the children (6 each).
    for column in data.meetings:
        cells = _cells(column)
        assert cells["cases"] == "fewer than 5"
        assert cells["children"] == "6"
        assert all(row.count.value is None for row in column.rows if row.figure.key != "children")
    shares = {row.figure.key: row.share for row in data.total.rows if row.share}
    assert shares["repeats"].text == WITHHELD  # derived from 3 repeats
    assert shares["minoritised"].value == Decimal("71.4")  # 5 of 7: both shown


def test_secondary_suppression_with_a_threshold_of_two(locale):
    """The hidden cells at a threshold of 2, worked out by hand from HAND_COUNTED in test_figures.py."""
    build_quarter(locale)
    ReportSettings.objects.create(locality=locale.locality, suppression_threshold=2)
    data = build_return(count_return(locale.locality, QUARTER), locale.locality.report_settings, suppress=True)
    july, august, total = _cells(data.meetings[0]), _cells(data.meetings[1]), _cells(data.total)
    # Primary: below 2.
    assert july["disabled"] == august["repeats"] == august["male"] == "fewer than 2"
    # August's 1 repeat and the total 3 would give July's 2: July's is withheld too. Likewise LGBT+, other agencies,
    # aged 16-17 (August 0) and disabled (July 1, so August's 3 goes).
    assert july["repeats"] == july["lgbt"] == july["non_police"] == july["aged_16_17"] == WITHHELD
    assert august["disabled"] == WITHHELD
    # July's police count would give its other agencies (cases 4 - police 2): withheld, and then August's police too.
    assert july["agency_police"] == august["agency_police"] == WITHHELD
    # Still shown.
    assert (july["cases"], july["minoritised"], august["minoritised"], august["cases"]) == ("4", "2", "3", "3")
    assert (total["repeats"], total["non_police"], total["agency_police"], total["disabled"]) == ("3", "3", "4", "4")
    july_shares = {row.figure.key: row.share.text for row in data.meetings[0].rows if row.share}
    assert july_shares["repeats"] == WITHHELD
    assert july_shares["minoritised"] == "50.0%"


def test_no_hidden_count_is_the_difference_of_shown_ones(locale):
    """Whatever the threshold, no sum the return implies has exactly one hidden part while the sum is shown."""
    build_quarter(locale)
    raw = count_return(locale.locality, QUARTER)
    values = {
        (row, key): value
        for row, counts in [(0, raw.meetings[0].counts), (1, raw.meetings[1].counts), (TOTAL, raw.total.counts)]
        for key, value in counts.items()
    }
    for threshold in range(1, 9):
        primary, secondary = hidden_cells(values, meetings=2, threshold=threshold)
        hidden = primary | secondary
        for key in raw.total.counts:
            column = [(0, key) in hidden, (1, key) in hidden]
            assert not ((TOTAL, key) not in hidden and sum(column) == 1), (threshold, key)
        for row in (0, 1, TOTAL):
            if (row, "cases") in hidden:
                continue
            pair = [(row, "agency_police") in hidden, (row, "non_police") in hidden]
            assert sum(pair) != 1, (threshold, row)
            agency = [cell in hidden for cell in values if cell[0] == row and cell[1].startswith("agency_")]
            assert sum(agency) != 1, (threshold, row)


def test_expected_volume_withheld_when_cases_are_hidden(locale):
    build_quarter(locale)
    ReportSettings.objects.create(locality=locale.locality, adult_female_population=14_000, suppression_threshold=8)
    data = build_return(count_return(locale.locality, QUARTER), locale.locality.report_settings, suppress=True)
    assert _cells(data.total)["cases"] == "fewer than 8"
    assert data.expected_volume.text == WITHHELD and data.expected_volume.value is None


@pytest.mark.parametrize("threshold", [2, 5])
def test_the_total_alone_is_withheld_as_with_its_meetings(locale, threshold):
    """The KPI dashboard reads the total alone: its cells are hidden as the full return hides them."""
    build_quarter(locale)
    ReportSettings.objects.create(locality=locale.locality, suppression_threshold=threshold)
    raw = count_return(locale.locality, QUARTER)
    settings = locale.locality.report_settings
    full = build_return(raw, settings, suppress=True)
    alone = build_return(raw, settings, suppress=True, with_meetings=False)
    assert alone.meetings == [] and len(full.meetings) == 2
    assert _cells(alone.total) == _cells(full.total)
    assert "fewer than" in " ".join(_cells(alone.total).values())
