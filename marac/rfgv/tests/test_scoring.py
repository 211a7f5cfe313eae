"""RFGV scores on a small data set checked by hand (the worked example of docs/matac-scoring.md), with the shipped
default settings: window 36 months, recency 3=10 6=8 12=6 24=4 36=2, frequency 1=2 2=4 3=6 5=8 10=10, victims
1=2 2=5 3=8 4=10, gravity points 1/2/4/6 by recorded gravity, strangulation and sexual ×1.5, unwanted contact,
disputes and verbal abuse ×0.5, the sum capped at 20, every weight 1."""

import datetime as dt
from decimal import Decimal

import pytest

from marac.incidents.models import Gravity, IncidentType
from marac.rfgv.scoring import explain, rank_serial_perpetrators, score_people
from marac.rfgv.tests.helpers import AS_OF, at, incident, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def example(locale):
    """Kieran: two victims, four incidents in the window and one before it. Tomasz (no date of birth): three
    victims, five incidents. Lewis: one victim only. Callum: two victims, but 15."""
    kieran = person(locale, "Kieran", "Doyle")
    aoife, bethan, carys = (person(locale, name, "Synthetic") for name in ("Aoife", "Bethan", "Carys"))
    incident(locale, kieran, aoife, at(2026, 10, 10), IncidentType.STRANGULATION, Gravity.LIFE_THREATENING)  # 9
    incident(locale, kieran, aoife, at(2026, 3, 15), IncidentType.PHYSICAL, Gravity.SERIOUS)  # 4
    incident(locale, kieran, bethan, at(2025, 6, 1), IncidentType.THREATS, Gravity.MODERATE)  # 2
    incident(locale, kieran, bethan, at(2024, 1, 20), IncidentType.VERBAL, Gravity.MINOR)  # 0.5
    incident(locale, kieran, carys, at(2023, 10, 1), IncidentType.PHYSICAL, Gravity.SERIOUS)  # before the window

    tomasz = person(locale, "Tomasz", "Wrona", born=None)
    dana, ewa, farah = (person(locale, name, "Synthetic") for name in ("Dana", "Ewa", "Farah"))
    incident(locale, tomasz, dana, at(2026, 5, 20), IncidentType.SEXUAL, Gravity.SERIOUS)  # 6
    incident(locale, tomasz, ewa, at(2026, 4, 2), IncidentType.PHYSICAL, Gravity.LIFE_THREATENING)  # 6
    incident(locale, tomasz, farah, at(2025, 12, 1), IncidentType.STRANGULATION, Gravity.LIFE_THREATENING)  # 9
    incident(locale, tomasz, dana, at(2025, 1, 5), IncidentType.STALKING, Gravity.MODERATE)  # 2
    incident(locale, tomasz, ewa, at(2024, 2, 10), IncidentType.UNWANTED_CONTACT, Gravity.MINOR)  # 0.5

    lewis = person(locale, "Lewis", "Marsh")
    gwen = person(locale, "Gwen", "Synthetic")
    for month in (2, 5, 8, 11):
        incident(locale, lewis, gwen, at(2026, month, 3), IncidentType.PHYSICAL, Gravity.SERIOUS)

    callum = person(locale, "Callum", "Reid", born=dt.date(2011, 6, 1))
    incident(locale, callum, person(locale, "Hana", "Synthetic"), at(2026, 9, 1))
    incident(locale, callum, person(locale, "Iris", "Synthetic"), at(2026, 9, 2))
    return {"kieran": kieran, "tomasz": tomasz, "lewis": lewis, "callum": callum}


def test_the_ranking_lists_the_serial_perpetrators_with_their_hand_checked_scores(locale, example):
    ranked = rank_serial_perpetrators(locality=locale.locality, as_of=AS_OF)
    assert [score.person_id for score in ranked] == [example["tomasz"].pk, example["kieran"].pk]
    tomasz, kieran = ranked
    # Tomasz: last incident 20 May 2026, 6 months and 6 days before: band 6–12 months, 6. Five incidents: band
    # 5–9, 8. Three victims: 8. Gravity 6 + 6 + 9 + 2 + 0.5 = 23.5, capped at 20. Total 42.
    assert (tomasz.recency, tomasz.frequency, tomasz.gravity, tomasz.victims) == (
        Decimal("6.00"),
        Decimal("8.00"),
        Decimal("20.00"),
        Decimal("8.00"),
    )
    assert tomasz.total == Decimal("42.00")
    assert (tomasz.incident_count, tomasz.victim_count, tomasz.is_serial) == (5, 3, True)
    # Kieran: last incident 10 October 2026: band 0–3 months, 10. Four incidents in the window (the fifth is
    # before 26 November 2023): band 3–4, 6. Two victims: 5. Gravity 9 + 4 + 2 + 0.5 = 15.5. Total 36.5.
    assert (kieran.recency, kieran.frequency, kieran.gravity, kieran.victims) == (
        Decimal("10.00"),
        Decimal("6.00"),
        Decimal("15.50"),
        Decimal("5.00"),
    )
    assert kieran.total == Decimal("36.50")
    assert (kieran.incident_count, kieran.victim_count) == (4, 2)
    assert kieran.last_incident_at == at(2026, 10, 10)


def test_limit_keeps_the_top_of_the_ranking(locale, example):
    top = rank_serial_perpetrators(locality=locale.locality, as_of=AS_OF, limit=1)
    assert [score.person_id for score in top] == [example["tomasz"].pk]


def test_anyone_is_scored_the_same_way_for_a_partner_referral(locale, example):
    nobody = person(locale, "Nadia", "Quiet")
    scores = score_people(
        locality=locale.locality,
        person_ids=[example["lewis"].pk, example["kieran"].pk, example["callum"].pk, nobody.pk],
        as_of=AS_OF,
    )
    # Lewis: last incident 3 November (band 0–3, 10); four incidents (6); one victim (2); 4 × 4 = 16. Not serial.
    lewis = scores[example["lewis"].pk]
    assert (lewis.recency, lewis.frequency, lewis.gravity, lewis.victims, lewis.total) == (
        Decimal("10.00"),
        Decimal("6.00"),
        Decimal("16.00"),
        Decimal("2.00"),
        Decimal("34.00"),
    )
    assert lewis.is_serial is False
    assert scores[example["kieran"].pk].total == Decimal("36.50") and scores[example["kieran"].pk].is_serial
    # Callum: two victims but 15 on the scoring date: scored, not serial. Last incident 2 September: band 0–3 (10);
    # two incidents (4); two victims (5); two moderate physical incidents (2 + 2).
    callum = scores[example["callum"].pk]
    assert (callum.total, callum.is_serial) == (Decimal("23.00"), False)
    zero = scores[nobody.pk]
    assert (zero.total, zero.incident_count, zero.victim_count, zero.last_incident_at, zero.is_serial) == (
        Decimal("0.00"),
        0,
        0,
        None,
        False,
    )
    assert score_people(locality=locale.locality, person_ids=[], as_of=AS_OF) == {}


def test_the_explanation_gives_each_component_with_its_reason(locale, example):
    kieran = score_people(locality=locale.locality, person_ids=[example["kieran"].pk], as_of=AS_OF)[
        example["kieran"].pk
    ]
    explained = {item.component: item for item in explain(kieran, locality=locale.locality)}
    assert list(explained) == ["recency", "frequency", "gravity", "victims"]
    assert explained["recency"].points == Decimal("10.00")
    assert explained["recency"].reason == (
        "Last incident on 10 October 2026, 1 month ago: band 0–3 months, 10 points × weight 1.00 = 10.00."
    )
    assert explained["frequency"].reason == (
        "4 incidents in the last 36 months: band 3–4 incidents, 6 points × weight 1.00 = 6.00."
    )
    assert explained["victims"].reason == (
        "2 different victims in the last 36 months: band 2 different victims, 5 points × weight 1.00 = 5.00."
    )
    assert explained["gravity"].reason == (
        "Incident points 1 × life-threatening strangulation, choking or suffocation (6 × 1.5 = 9); "
        "1 × serious physical violence (4 × 1 = 4); 1 × moderate threats, including threats to kill (2 × 1 = 2); "
        "1 × minor verbal abuse (1 × 0.5 = 0.5): 15.5 in all; 15.5 points × weight 1.00 = 15.50."
    )


def test_the_explanation_says_when_the_gravity_is_capped(locale, example):
    tomasz = rank_serial_perpetrators(locality=locale.locality, as_of=AS_OF)[0]
    gravity = next(item for item in explain(tomasz, locality=locale.locality) if item.component == "gravity")
    assert gravity.reason.endswith(": 23.5 in all, capped at 20; 20 points × weight 1.00 = 20.00.")


def test_ties_go_to_the_more_recent_last_incident_then_the_lower_record_number(locale):
    first, second, third = (person(locale, name, "Tied") for name in ("Owen", "Piotr", "Rhys"))
    victims = [person(locale, f"Victim{n}", "Synthetic") for n in range(6)]
    # The same score for all three: two moderate physical incidents against two victims, last within 3 months.
    for perpetrator, (one, two), last in (
        (first, victims[0:2], at(2026, 10, 1)),
        (second, victims[2:4], at(2026, 11, 1)),
        (third, victims[4:6], at(2026, 10, 1)),
    ):
        incident(locale, perpetrator, one, at(2026, 6, 1))
        incident(locale, perpetrator, two, last)
    ranked = rank_serial_perpetrators(locality=locale.locality, as_of=AS_OF)
    assert len({score.total for score in ranked}) == 1
    assert [score.person_id for score in ranked] == [second.pk, first.pk, third.pk]


def test_incidents_of_another_locality_do_not_count(locale, other_locale, example):
    stranger = person(other_locale, "Kieran", "Doyle")
    incident(other_locale, stranger, person(other_locale, "Jo", "Synthetic"), at(2026, 11, 1))
    incident(other_locale, stranger, person(other_locale, "Kim", "Synthetic"), at(2026, 11, 2))
    assert [score.person_id for score in rank_serial_perpetrators(locality=other_locale.locality, as_of=AS_OF)] == [
        stranger.pk
    ]
    assert stranger.pk not in {s.person_id for s in rank_serial_perpetrators(locality=locale.locality, as_of=AS_OF)}


def test_incidents_after_the_scoring_date_do_not_count(locale, example):
    incident(locale, example["lewis"], person(locale, "Later", "Synthetic"), at(2026, 11, 27))
    assert example["lewis"].pk not in {
        score.person_id for score in rank_serial_perpetrators(locality=locale.locality, as_of=AS_OF)
    }
