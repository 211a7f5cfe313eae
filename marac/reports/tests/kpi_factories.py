"""The KPI dashboard's hand-built data: the cases of factories.build_quarter (July to September 2026, with one case
heard at the end of June), and around them the locality's settings, the actions due and the breaches reported.
Every figure is counted by hand in test_kpis.py; the comments here say what each record is for.
"""

import datetime as dt
from decimal import Decimal

from marac.actions.models import Action, ActionStatus
from marac.actions.tests.factories import ActionFactory
from marac.agencies.models import Agency
from marac.perpetrators.models import Breach
from marac.perpetrators.tests.factories import breach_of, order_on, respond
from marac.referrals.models import Case
from marac.reports.models import ReportSettings
from marac.reports.tests.factories import Quarter3, build_quarter, case, listed, local, meeting

# The day the builder is told it is: open actions due before it are overdue.
TODAY = dt.date(2026, 9, 15)


def configure(locale, **changes) -> ReportSettings:
    fields = {
        "adult_female_population": 14_000,
        "population_minoritised_percent": Decimal("12.0"),
        "population_lgbt_percent": Decimal("3.0"),
        "population_disabled_percent": Decimal("20.0"),
        "population_male_percent": Decimal("48.0"),
        "population_aged_16_17_percent": Decimal("2.5"),
        "idva_fte": Decimal("0.25"),
        "administrator_fte": Decimal("0.10"),
        "referral_to_meeting_target_days": 12,
    } | changes
    return ReportSettings.objects.create(locality=locale.locality, **fields)


def action(
    locality, agency: Agency, due: dt.date, status=ActionStatus.DONE, completed: dt.datetime | None = None
) -> Action:
    return ActionFactory(
        case__locality=locality, owner_agency=agency, due_date=due, status=status, completed_at=completed
    )


def done(locality, agency: Agency, due: tuple[int, int], completed: dt.datetime) -> Action:
    return action(locality, agency, dt.date(2026, *due), completed=completed)


def build_actions(locale, other_locale=None) -> None:
    """Due in July to September 2026: police 8 (6 on time, 1 late, 1 open and overdue), housing 5 (2 on time,
    2 late, 1 not possible), health 2 (both open, 1 overdue on TODAY). Due in April to June: police 2 (1 on time,
    1 late). The rest must not count."""
    where, police, housing, health = locale.locality, locale.police, locale.housing, locale.health
    done(where, police, (7, 10), local(2026, 7, 9))
    # 23:30 on the due date in summer time is 22:30 UTC, still the due date locally: on time.
    done(where, police, (7, 20), local(2026, 7, 20, 23, 30))
    done(where, police, (7, 31), local(2026, 7, 31))
    done(where, police, (8, 14), local(2026, 8, 1))
    done(where, police, (8, 28), local(2026, 8, 20))
    done(where, police, (9, 4), local(2026, 9, 4))
    # 00:30 the day after is 23:30 UTC on the due date, but the day after locally: late.
    done(where, police, (8, 5), local(2026, 8, 6, 0, 30))
    action(where, police, dt.date(2026, 9, 1), ActionStatus.IN_PROGRESS)

    done(where, housing, (7, 15), local(2026, 7, 15))
    done(where, housing, (8, 15), local(2026, 8, 10))
    done(where, housing, (7, 1), local(2026, 7, 3))
    done(where, housing, (9, 10), local(2026, 9, 12))
    action(where, housing, dt.date(2026, 8, 20), ActionStatus.NOT_POSSIBLE)

    action(where, health, dt.date(2026, 9, 2), ActionStatus.OPEN)
    action(where, health, TODAY, ActionStatus.OPEN)  # due TODAY: open, not yet overdue

    done(where, police, (6, 30), local(2026, 6, 29))
    done(where, police, (5, 10), local(2026, 5, 12))

    # Not counted: due in October, or a year before, or another locality's.
    action(where, police, dt.date(2026, 10, 1), ActionStatus.OPEN)
    action(where, housing, dt.date(2025, 9, 30), ActionStatus.OPEN)
    if other_locale is not None:
        action(other_locale.locality, other_locale.police, dt.date(2026, 8, 1), ActionStatus.OPEN)


def build_breaches(locale, victim_case: Case, other_locale=None) -> None:
    """Reported in July to September 2026: 7, of which 6 answered after 1, 3, 5, 20, 30 and 50 hours. Reported in
    April to June: 1, answered after 2 hours. The rest must not count."""
    order = order_on(victim_case, owner=locale.police)

    def reported(when: dt.datetime, hours: float | None = None) -> Breach:
        breach = breach_of(order, agency=locale.housing, reported_at=when)
        if hours is not None:
            respond(breach, agency=locale.police, hours=hours)
        return breach

    # 00:30 on 1 July is 23:30 UTC on 30 June: the third quarter locally. Not answered.
    reported(local(2026, 7, 1, 0, 30))
    reported(local(2026, 7, 10), 1)
    reported(local(2026, 7, 20), 3)
    reported(local(2026, 8, 5), 5)
    reported(local(2026, 8, 18), 20)
    reported(local(2026, 9, 2), 30)
    reported(local(2026, 9, 30, 22), 50)  # answered in October, counted when reported
    reported(local(2026, 6, 30, 23, 30), 2)  # the second quarter
    reported(local(2026, 10, 1, 0, 30), 1)  # the fourth quarter
    if other_locale is not None:
        elsewhere = order_on(case(other_locale, "H-1"), owner=other_locale.police)
        breach_of(elsewhere, agency=other_locale.housing, reported_at=local(2026, 8, 5))


def build_kpi_data(locale, other_locale=None) -> Quarter3:
    built = build_quarter(locale)
    build_actions(locale, other_locale)
    build_breaches(locale, built.cases["A"], other_locale)
    if other_locale is not None:
        elsewhere = meeting(other_locale, local(2026, 8, 12))
        listed(elsewhere, case(other_locale, "H-2"), other_locale.police, dt.date(2026, 8, 1), repeat=True)
    return built
