"""Every figure of the hand-built quarter (factories.build_quarter) against the count made by hand."""

from decimal import Decimal

import pytest

from marac.reports.calculation import count_return, count_returns
from marac.reports.models import ReportSettings
from marac.reports.presentation import build_return
from marac.reports.tests.factories import QUARTER, build_quarter
from marac.testing.factories import LocalityFactory

pytestmark = pytest.mark.django_db

# key: (14 July, 11 August, quarter). See the comments in factories.build_quarter for each case.
HAND_COUNTED = {
    "cases": (4, 3, 7),  # A B C D; A E F
    "repeats": (2, 1, 3),  # B C; A's second referral
    "non_police": (2, 1, 3),  # B housing, C IDVA service; E health
    "minoritised": (2, 3, 5),  # A Black, C Asian; A, E mixed, F Traveller (D White other does not count)
    "lgbt": (2, 1, 3),  # B gay, C trans; E non-binary
    "disabled": (1, 3, 4),  # A; A, E, F (D recorded as not, B not known)
    "male": (1, 0, 1),  # B
    "aged_16_17": (2, 0, 2),  # C 16, D 17 the day before her 18th birthday; E's age not known
    "young_perpetrator": (1, 1, 2),  # B's perpetrator 17; E's 16 (C's turned 18 that day)
    "children": (6, 6, 12),  # 2+0+1+3; 2+0+4
    "agency_police": (2, 2, 4),  # A D; A F
    "agency_housing": (1, 0, 1),
    "agency_idva_service": (1, 0, 1),
    "agency_health": (0, 1, 1),
    "agency_education": (0, 0, 0),
}


def test_every_count_matches_the_hand_count(locale):
    built = build_quarter(locale)
    raw = count_return(locale.locality, QUARTER)
    assert [row.meeting for row in raw.meetings] == [built.first, built.second]
    for key, (july, august, quarter) in HAND_COUNTED.items():
        assert (raw.meetings[0].counts[key], raw.meetings[1].counts[key], raw.total.counts[key]) == (
            july,
            august,
            quarter,
        ), key


def test_shares_and_expected_volume(locale):
    build_quarter(locale)
    ReportSettings.objects.create(locality=locale.locality, adult_female_population=14_000)
    data = build_return(count_return(locale.locality, QUARTER), locale.locality.report_settings, suppress=False)
    total = {row.figure.key: row for row in data.total.rows}
    july = {row.figure.key: row for row in data.meetings[0].rows}
    assert total["repeats"].share.value == Decimal("42.9")  # 3 of 7
    assert total["non_police"].share.text == "42.9%"
    assert total["minoritised"].share.value == Decimal("71.4")  # 5 of 7
    assert july["repeats"].share.value == Decimal("50.0")  # 2 of 4
    assert july["aged_16_17"].share.value == Decimal("50.0")
    assert total["children"].share is None
    # 7 cases in a quarter, times 4, per 10,000 of 14,000 women: 20.0 a year.
    assert data.expected_volume.value == Decimal("20.0")


def test_no_population_no_expected_volume_and_an_empty_quarter(locale):
    build_quarter(locale)
    data = build_return(count_return(locale.locality, QUARTER.previous().previous()), None, suppress=False)
    assert data.expected_volume is None
    assert data.meetings == []
    assert {row.figure.key: row.count.value for row in data.total.rows}["cases"] == 0
    assert {row.figure.key: row.share.text for row in data.total.rows if row.share}["repeats"] == "no cases"


def test_other_localities_do_not_count(locale):
    build_quarter(locale)
    assert count_return(LocalityFactory(), QUARTER).total.counts["cases"] == 0


def test_a_run_of_quarters_counted_together_is_each_quarter_counted_alone(locale):
    build_quarter(locale)
    quarters = QUARTER.year_ending()
    together = count_returns(locale.locality, quarters)
    for quarter in quarters:
        alone = count_return(locale.locality, quarter)
        assert [row.meeting for row in together[quarter].meetings] == [row.meeting for row in alone.meetings]
        assert [row.counts for row in together[quarter].meetings] == [row.counts for row in alone.meetings]
        assert together[quarter].total.counts == alone.total.counts
    # The run spans quarters that each held meetings, so the split by quarter is put to the test.
    assert sum(1 for quarter in quarters if together[quarter].meetings) >= 2
