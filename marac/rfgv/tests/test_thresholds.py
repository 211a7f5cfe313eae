"""Bands at their edges, the look-back window, and the age and victims thresholds of a serial perpetrator."""

import datetime as dt
from decimal import Decimal

import pytest

from marac.rfgv.models import RfgvSettings
from marac.rfgv.scoring import rank_serial_perpetrators, score_people
from marac.rfgv.tests.helpers import AS_OF, at, incident, person

pytestmark = pytest.mark.django_db

MINUTE = dt.timedelta(minutes=1)


def _configure(locale, **values) -> None:
    RfgvSettings.objects.update_or_create(locality=locale.locality, defaults=values)


def _score(locale, someone):
    return score_people(locality=locale.locality, person_ids=[someone.pk], as_of=AS_OF)[someone.pk]


def _serial(locale) -> set[int]:
    return {score.person_id for score in rank_serial_perpetrators(locality=locale.locality, as_of=AS_OF)}


@pytest.mark.parametrize(
    ("last", "points"),
    [
        (AS_OF, 10),
        (at(2026, 8, 26), 10),  # exactly 3 months before: still within 3 months
        (at(2026, 8, 26) - MINUTE, 8),
        (at(2026, 5, 26), 8),  # exactly 6 months
        (at(2026, 5, 26) - MINUTE, 6),
        (at(2025, 11, 26), 6),  # exactly 12 months
        (at(2024, 11, 26), 4),  # exactly 24 months
        (at(2024, 11, 26) - MINUTE, 2),
        (at(2023, 11, 26), 2),  # exactly 36 months: the window's first moment
    ],
)
def test_recency_bands_include_their_upper_edge(locale, last, points):
    someone = person(locale, "Ivo", "Edge")
    incident(locale, someone, person(locale, "Vera", "Synthetic"), last)
    assert _score(locale, someone).recency == Decimal(points)


def test_an_incident_a_minute_older_than_the_window_does_not_count(locale):
    someone = person(locale, "Ivo", "Edge")
    incident(locale, someone, person(locale, "Vera", "Synthetic"), at(2023, 11, 26) - MINUTE)
    score = _score(locale, someone)
    assert (score.incident_count, score.total, score.last_incident_at) == (0, Decimal("0.00"), None)


def test_a_recency_band_shorter_than_the_window_leaves_older_last_incidents_at_zero(locale):
    _configure(locale, recency_bands=[[3, 10], [12, 5]])
    someone = person(locale, "Ivo", "Edge")
    incident(locale, someone, person(locale, "Vera", "Synthetic"), at(2025, 11, 26) - MINUTE)
    assert _score(locale, someone).recency == Decimal("0.00")


@pytest.mark.parametrize(("incidents", "points"), [(1, 2), (2, 4), (3, 6), (4, 6), (5, 8), (9, 8), (10, 10), (14, 10)])
def test_frequency_bands_start_at_their_number(locale, incidents, points):
    someone = person(locale, "Ivo", "Often")
    victim = person(locale, "Vera", "Synthetic")
    for day in range(incidents):
        incident(locale, someone, victim, at(2026, 6, 1) + dt.timedelta(days=day))
    assert _score(locale, someone).frequency == Decimal(points)


@pytest.mark.parametrize(("victims", "points"), [(1, 2), (2, 5), (3, 8), (4, 10), (6, 10)])
def test_victims_bands_count_different_victims(locale, victims, points):
    someone = person(locale, "Ivo", "Many")
    for number in range(victims):
        victim = person(locale, f"Victim{number}", "Synthetic")
        incident(locale, someone, victim, at(2026, 6, 1))
        incident(locale, someone, victim, at(2026, 7, 1))  # a second incident against her adds no victim
    score = _score(locale, someone)
    assert (score.victim_count, score.victims) == (victims, Decimal(points))


@pytest.mark.parametrize(
    ("born", "serial"),
    [
        (dt.date(2010, 11, 26), True),  # 16 on the scoring date itself
        (dt.date(2010, 11, 27), False),  # 16 tomorrow
        (None, True),  # date of birth not known: included
    ],
)
def test_a_serial_perpetrator_is_16_or_over_or_of_unknown_age(locale, born, serial):
    young = person(locale, "Jay", "Young", born=born)
    incident(locale, young, person(locale, "Uma", "Synthetic"), at(2026, 10, 1))
    incident(locale, young, person(locale, "Val", "Synthetic"), at(2026, 10, 2))
    assert (young.pk in _serial(locale)) is serial
    assert _score(locale, young).is_serial is serial


def test_a_serial_perpetrator_harmed_the_minimum_number_of_victims_within_the_window(locale):
    someone = person(locale, "Ned", "Count")
    incident(locale, someone, person(locale, "Uma", "Synthetic"), at(2026, 10, 1))
    earlier = person(locale, "Val", "Synthetic")
    incident(locale, someone, earlier, at(2023, 11, 1))  # a second victim, but before the window
    assert someone.pk not in _serial(locale)
    incident(locale, someone, earlier, at(2024, 1, 1))  # the same victim again, within it
    assert someone.pk in _serial(locale)


def test_the_locality_sets_the_window_and_the_thresholds(locale):
    someone = person(locale, "Ned", "Count", born=dt.date(2009, 1, 1))  # 17
    incident(locale, someone, person(locale, "Uma", "Synthetic"), at(2026, 10, 1))
    incident(locale, someone, person(locale, "Val", "Synthetic"), at(2024, 6, 1))  # 29 months before
    assert someone.pk in _serial(locale)
    _configure(locale, window_months=24)
    assert someone.pk not in _serial(locale)
    _configure(locale, window_months=36, minimum_age=18)
    assert someone.pk not in _serial(locale)
    _configure(locale, minimum_age=16, minimum_victims=3)
    assert someone.pk not in _serial(locale)


def test_weights_multiply_each_component_and_round_half_up(locale):
    _configure(
        locale,
        recency_weight=Decimal("1.50"),
        frequency_weight=Decimal("0"),
        gravity_weight=Decimal("0.25"),
        victims_weight=Decimal("2.00"),
    )
    someone = person(locale, "Ned", "Weighted")
    incident(locale, someone, person(locale, "Uma", "Synthetic"), at(2026, 10, 1), "verbal", 1)  # 0.5 points
    incident(locale, someone, person(locale, "Val", "Synthetic"), at(2026, 10, 2), "verbal", 1)
    score = _score(locale, someone)
    # Recency 10 × 1.5; frequency 4 × 0; gravity 1 × 0.25; victims 5 × 2.
    assert (score.recency, score.frequency, score.gravity, score.victims, score.total) == (
        Decimal("15.00"),
        Decimal("0.00"),
        Decimal("0.25"),
        Decimal("10.00"),
        Decimal("25.25"),
    )
    _configure(locale, gravity_weight=Decimal("0.33"), gravity_cap=None)
    assert _score(locale, someone).gravity == Decimal("0.33")  # 1 × 0.33
    incident(locale, someone, person(locale, "Wyn", "Synthetic"), at(2026, 10, 3), "physical", 1)  # 2 points now
    assert _score(locale, someone).gravity == Decimal("0.66")  # 2 × 0.33: exact in hundredths
