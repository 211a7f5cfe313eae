"""Each monitoring measure counted on the hand-built year of monitoring_factories, against values counted by hand;
then as shown, in full and suppressed; and the number of queries, which the data must not change."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marac.actions.models import ActionStatus
from marac.people.models import Ethnicity
from marac.referrals.models import TriageStatus
from marac.reports.models import ReportSettings
from marac.reports.monitoring import Period, age_on, count_monitoring, free_text_key
from marac.reports.monitoring_presentation import build_monitoring, monitoring_for
from marac.reports.quarters import Quarter
from marac.reports.tests.factories import local, meeting
from marac.reports.tests.monitoring_factories import (
    LAST_QUARTER,
    build_year,
    case_of,
    contact,
    hear,
    person,
    refer,
    report_back,
)

pytestmark = pytest.mark.django_db


def test_the_period_is_the_four_quarters_ending_with_the_one_chosen():
    period = Period.ending(Quarter(2026, 3))
    assert period.bounds() == (local(2025, 10, 1, 0, 0), local(2026, 10, 1, 0, 0))
    assert str(period) == "October 2025 to September 2026"
    assert [q.code for q in period.quarters()] == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
    assert str(Period.ending(Quarter(2026, 1))) == "April 2025 to March 2026"


def test_ages_and_free_text_answers():
    assert age_on(dt.date(2008, 2, 29), dt.date(2026, 2, 28)) == 17
    assert age_on(dt.date(2008, 2, 29), dt.date(2026, 3, 1)) == 18
    assert free_text_key("  Church   of\tEngland ") == "church of england"
    assert free_text_key("STRASSE") == free_text_key("Straße")  # case-folded, not only lower-cased


def test_repeat_victims(locale, other_locale):
    build_year(locale, other_locale)
    raw = count_monitoring(locale.locality, LAST_QUARTER)
    # V1, V2, V3, V4, V5, V6, V8; repeats: V1, V3, V6, V8; more than once: V1, V3, V8.
    assert raw.victims == {"victims": 7, "with_repeat": 4, "referred_more_than_once": 3}


def test_repeat_perpetrators(locale, other_locale):
    build_year(locale, other_locale)
    raw = count_monitoring(locale.locality, LAST_QUARTER)
    # P1, P2, P3, P4, P6, P7; of two victims: P1 (V1, V2), P2 (V3, V6); on two referrals or more: P1 (3), P2 (3),
    # P7 (2). P3's other victim, V7, was referred only outside the year.
    assert raw.perpetrators == {"perpetrators": 6, "several_victims": 2, "several_referrals": 3}


def test_case_progression_and_attrition(locale, other_locale):
    build_year(locale, other_locale)
    raw = count_monitoring(locale.locality, LAST_QUARTER)
    assert raw.progression == {
        "received": 10,
        "triaged": 9,  # not V4's
        "listed": 7,  # not V3's two
        "heard": 6,  # not V5's: MATAC and a meeting still scheduled
        "actions": 5,  # not V2's
        "finished": 3,  # not V1's second nor V8's second
        "told": 2,  # V1's first and V8's first; V6's report-back is not done
        "awaiting_triage": 1,
        "declined": 1,
        "more_information": 1,
        "not_heard": 1,
        "no_action": 1,
        "actions_open": 2,
        "not_told": 1,
    }


def _groups(raw, dimension: str) -> dict[str, tuple[int, ...]]:
    """label: (victims, heard, repeat, told, contacted)"""
    found = next(d for d in raw.dimensions if d.key == dimension)
    return {
        g.label: tuple(g.counts[c] for c in ("victims", "heard", "repeat", "told", "contacted")) for g in found.groups
    }


def test_outcomes_by_group(locale, other_locale):
    build_year(locale, other_locale)
    raw = count_monitoring(locale.locality, LAST_QUARTER)
    # Heard: V1, V2, V6, V8. Repeat: V1, V3, V6, V8. Told: V1, V2, V8. Contacted: V1, V3, V8.
    assert raw.outcome_total == {"victims": 7, "heard": 4, "repeat": 4, "told": 3, "contacted": 3}
    assert _groups(raw, "ethnicity") == {
        "White British": (2, 2, 1, 1, 0),
        "White other": (1, 0, 0, 0, 0),
        "Mixed or multiple ethnic groups": (1, 0, 0, 0, 0),
        "Asian or Asian British": (1, 0, 1, 0, 1),
        "Black, African, Caribbean or Black British": (1, 1, 1, 1, 1),
        "Arab": (0, 0, 0, 0, 0),
        "Gypsy, Roma or Irish Traveller": (1, 1, 1, 1, 1),
        "Other ethnic group": (0, 0, 0, 0, 0),
        "Not known": (0, 0, 0, 0, 0),
    }
    assert _groups(raw, "disability") == {"Yes": (2, 1, 1, 1, 1), "No": (3, 2, 1, 1, 0), "Not known": (2, 1, 2, 1, 2)}
    # V1 34 at her first referral (35 at her second); V6 35 on her referral's local day, 34 on its UTC day.
    assert _groups(raw, "age") == {
        "Under 16": (0, 0, 0, 0, 0),
        "16 to 17": (1, 1, 0, 1, 0),
        "18 to 24": (0, 0, 0, 0, 0),
        "25 to 34": (3, 2, 2, 2, 2),
        "35 to 44": (1, 1, 1, 0, 0),
        "45 to 54": (0, 0, 0, 0, 0),
        "55 to 64": (0, 0, 0, 0, 0),
        "65 or over": (1, 0, 0, 0, 0),
        "Not known": (1, 0, 1, 0, 1),
    }
    assert _groups(raw, "religion") == {
        "Christian": (2, 2, 1, 2, 1),  # "Christian" and "  christian "
        "Muslim": (2, 0, 1, 0, 1),  # "Muslim" and "MUSLIM"
        "None": (1, 1, 1, 0, 0),  # an answer, not a blank
        "Sikh": (1, 1, 1, 1, 1),
        "Not recorded": (1, 0, 0, 0, 0),  # spaces only
    }
    assert _groups(raw, "migration_status") == {
        "Refugee": (2, 0, 1, 0, 1),
        "British citizen": (1, 1, 1, 1, 1),
        "EU settled status": (1, 0, 0, 0, 0),
        "Not recorded": (3, 3, 2, 2, 1),
    }
    assert _groups(raw, "sexual_orientation") == {
        "Heterosexual": (4, 3, 3, 2, 2),
        "Gay or lesbian": (1, 0, 0, 0, 0),
        "Bisexual": (1, 1, 0, 1, 0),
        "Other": (0, 0, 0, 0, 0),
        "Not known": (1, 0, 1, 0, 1),
    }
    assert _groups(raw, "gender") == {
        "Female": (6, 4, 4, 3, 3),
        "Male": (1, 0, 0, 0, 0),
        "Non-binary": (0, 0, 0, 0, 0),
        "Other": (0, 0, 0, 0, 0),
        "Not known": (0, 0, 0, 0, 0),
    }


def test_a_victims_group_is_her_record_now(locale):
    year = build_year(locale)
    year.victims["V4"].ethnicity = Ethnicity.ARAB
    year.victims["V4"].save()
    groups = _groups(count_monitoring(locale.locality, LAST_QUARTER), "ethnicity")
    assert groups["Arab"] == (1, 0, 0, 0, 0)
    assert groups["White other"] == (0, 0, 0, 0, 0)


def _cells(rows) -> dict[str, str]:
    return {row.key: row.count.text for row in rows}


def _shares(rows) -> dict[str, str]:
    return {row.key: row.share.text for row in rows if row.share}


def _dimension(monitoring, key: str) -> dict[str, tuple[str, ...]]:
    """label: (victims, then each outcome's count and share)"""
    table = next(d for d in monitoring.dimensions if d.key == key)
    return {
        row.label: (row.victims.text, *(text for cell in row.outcomes for text in (cell.count.text, cell.share.text)))
        for row in table.rows_and_total
    }


def test_coordinator_sees_every_number_and_share(locale):
    build_year(locale)
    shown = monitoring_for(locale.locality, LAST_QUARTER, suppress=False)
    assert (shown.period_label, shown.quarter_code, shown.suppressed) == (
        "October 2025 to September 2026",
        "2026-Q3",
        False,
    )
    assert _cells(shown.repeat_victims.measures) == {"victims": "7", "with_repeat": "4", "referred_more_than_once": "3"}
    assert _shares(shown.repeat_victims.measures) == {"with_repeat": "57.1%", "referred_more_than_once": "42.9%"}
    assert _cells(shown.repeat_perpetrators.measures) == {
        "perpetrators": "6",
        "several_victims": "2",
        "several_referrals": "3",
    }
    assert _shares(shown.repeat_perpetrators.measures) == {"several_victims": "33.3%", "several_referrals": "50.0%"}
    assert [(s.key, s.reached.text, s.share.text) for s in shown.progression] == [
        ("received", "10", "100.0%"),
        ("triaged", "9", "90.0%"),
        ("listed", "7", "70.0%"),
        ("heard", "6", "60.0%"),
        ("actions", "5", "50.0%"),
        ("finished", "3", "30.0%"),
        ("told", "2", "20.0%"),
    ]
    assert [[(loss.reason, loss.count.text) for loss in s.losses] for s in shown.progression] == [
        [("Awaiting triage", "1")],
        [("Declined at triage", "1"), ("More information requested", "1")],
        [("Listed but not yet heard", "1")],
        [("Heard with no action agreed", "1")],
        [("Actions still open or in progress", "2")],
        [("Report-back not done", "1")],
        [],
    ]
    ethnicity = _dimension(shown, "ethnicity")
    assert ethnicity["White British"] == ("2", "2", "100.0%", "1", "50.0%", "1", "50.0%", "0", "0.0%")
    assert ethnicity["Arab"] == ("0", "0", "no victims", "0", "no victims", "0", "no victims", "0", "no victims")
    assert ethnicity["All victims referred"] == ("7", "4", "57.1%", "4", "57.1%", "3", "42.9%", "3", "42.9%")
    assert list(_dimension(shown, "religion"))[:-1] == ["Christian", "Muslim", "None", "Sikh", "Not recorded"]
    chart = str(shown.progression_chart)
    assert (
        chart.startswith("<svg") and "Listed: 7 referrals" in chart and "Victim told the outcome: 2 referrals" in chart
    )


def test_the_analyst_sees_aggregates_suppressed_below_the_default_threshold(locale):
    build_year(locale)
    shown = monitoring_for(locale.locality, LAST_QUARTER, suppress=True)
    assert (shown.suppressed, shown.threshold) == (True, 5)
    fewer = "fewer than 5"
    assert _cells(shown.repeat_victims.measures) == {
        "victims": "7",
        "with_repeat": fewer,
        "referred_more_than_once": fewer,
    }
    assert _shares(shown.repeat_victims.measures) == {"with_repeat": "withheld", "referred_more_than_once": "withheld"}
    assert _cells(shown.repeat_perpetrators.measures) == {
        "perpetrators": "6",
        "several_victims": fewer,
        "several_referrals": fewer,
    }
    # Received 10 = triaged + 1 awaiting: triaged would give the 1 away, so it is withheld; likewise listed 7 = heard
    # + 1 not heard. Actions 5 stays: heard and its other part are both hidden.
    assert [(s.key, s.reached.text, s.share.text) for s in shown.progression] == [
        ("received", "10", "100.0%"),
        ("triaged", "withheld", "withheld"),
        ("listed", "7", "70.0%"),
        ("heard", "withheld", "withheld"),
        ("actions", "5", "50.0%"),
        ("finished", fewer, "withheld"),
        ("told", fewer, "withheld"),
    ]
    assert {loss.count.text for s in shown.progression for loss in s.losses} == {fewer}
    gender = _dimension(shown, "gender")
    assert gender["Female"] == ("6", fewer, "withheld", fewer, "withheld", fewer, "withheld", fewer, "withheld")
    assert gender["Male"][0] == fewer and gender["Non-binary"][0] == fewer
    assert gender["All victims referred"][:3] == ("7", fewer, "withheld")
    # No answer typed freely was given for five victims: all are counted together (6), and withheld since the one
    # victim with no answer would otherwise follow from the total.
    religion = _dimension(shown, "religion")
    assert list(religion) == [
        "Other answers, each given for fewer than 5 victims",
        "Not recorded",
        "All victims referred",
    ]
    assert religion["Other answers, each given for fewer than 5 victims"][0] == "withheld"
    assert religion["Not recorded"][0] == fewer
    chart = str(shown.progression_chart)
    assert "Triaged: no value" in chart and "Listed: 7 referrals" in chart


def test_a_locality_threshold_and_its_secondary_suppression(locale):
    build_year(locale)
    ReportSettings.objects.create(locality=locale.locality, suppression_threshold=3)
    shown = monitoring_for(locale.locality, LAST_QUARTER, suppress=True)
    # Actions 5 = finished 3 + 2 still open: finished is withheld too.
    assert [s.reached.text for s in shown.progression] == [
        "10",
        "withheld",
        "7",
        "withheld",
        "5",
        "withheld",
        "fewer than 3",
    ]
    assert _cells(shown.repeat_victims.measures)["referred_more_than_once"] == "3"
    assert _dimension(shown, "disability") == {
        "Yes": ("fewer than 3", *(["fewer than 3", "withheld"] * 4)),
        "No": (
            "3",
            "fewer than 3",
            "withheld",
            "fewer than 3",
            "withheld",
            "fewer than 3",
            "withheld",
            "fewer than 3",
            "withheld",
        ),
        "Not known": ("fewer than 3", *(["fewer than 3", "withheld"] * 4)),
        "All victims referred": ("7", "4", "57.1%", "4", "57.1%", "3", "42.9%", "3", "42.9%"),
    }
    migration = _dimension(shown, "migration_status")
    assert migration["Other answers, each given for fewer than 3 victims"][:3] == ("4", "fewer than 3", "withheld")
    assert migration["Not recorded"][:3] == ("3", "withheld", "withheld")  # the other part of 4 heard is hidden


def _more_of_everything(locale) -> None:
    """Another victim in every state, with her perpetrator, hearing, actions, report-back and contact."""
    later = meeting(locale, local(2026, 7, 20))
    for number in range(4):
        victim = person(locale, f"Extra{number}", religion=f"Faith {number}", migration_status="Visa")
        case = case_of(locale, f"Y-X{number}", victim, person(locale, f"ExtraP{number}"))
        for month in (5, 6):
            referral = refer(locale, case, local(2026, month, 1 + number), repeat=month == 6)
        hear(locale, later, referral, ActionStatus.DONE, ActionStatus.OPEN)
        report_back(locale, case, later, completed=True)
        contact(locale, case, local(2026, 7, 1))
        refer(locale, case, local(2026, 8, 1), triage=TriageStatus.DECLINED)


def test_the_number_of_queries_does_not_grow_with_the_data(locale):
    build_year(locale)
    with CaptureQueriesContext(connection) as small:
        monitoring_for(locale.locality, LAST_QUARTER, suppress=True)
    _more_of_everything(locale)
    with CaptureQueriesContext(connection) as larger:
        shown = monitoring_for(locale.locality, LAST_QUARTER, suppress=True)
    assert _cells(shown.repeat_victims.measures)["victims"] == "11"
    # The period's referrals, the perpetrators, the report settings.
    assert len(small) == len(larger) == 3


def test_build_monitoring_without_settings_uses_the_default_threshold(locale):
    build_year(locale)
    shown = build_monitoring(count_monitoring(locale.locality, LAST_QUARTER), None, suppress=True)
    assert shown.threshold == 5
    assert shown.progression[0].share.value == Decimal("100.0")
