"""The arithmetic of timeliness: medians, shares within the target, and durations in words."""

import datetime as dt

import pytest

from marac.perpetrators.models import ResponseKind
from marac.perpetrators.timeliness import duration_words, median, response_hours, timeliness

H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], None),
        ([5 * H], 5 * H),
        ([9 * H, 1 * H, 4 * H], 4 * H),
        ([1 * H, 2 * H], 90 * M),
        ([3 * H, H, 7 * H, 2 * H], 150 * M),
    ],
)
def test_median(values, expected):
    assert median(values) == expected


@pytest.mark.parametrize(
    ("value", "words"),
    [(None, ""), (40 * M, "40 min"), (3 * H + 5 * M, "3 h 05 min"), (49 * H, "2 days 1 h"), (24 * H, "1 day 0 h")],
)
def test_duration_words(value, words):
    assert duration_words(value) == words


def test_a_response_exactly_at_the_target_is_on_time():
    summary = timeliness([(ResponseKind.ARREST, 24 * H), (ResponseKind.ARREST, 24 * H + M)], target_hours=24)
    arrest = next(row for row in summary.rows if row.kind == ResponseKind.ARREST)
    assert (arrest.count, arrest.within_target, arrest.share_within_target) == (2, 1, 0.5)
    assert [row.kind for row in summary.rows] == list(ResponseKind.values)


def test_response_hours():
    reported = dt.datetime(2026, 11, 20, 22, 10, tzinfo=dt.UTC)
    assert response_hours(reported, reported + 26 * H + 45 * M) == 26.75
