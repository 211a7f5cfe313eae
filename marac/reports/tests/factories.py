"""A hand-built quarter (July to September 2026) whose every figure is counted by hand in test_figures.py.

Two MARAC meetings held in the quarter, 14 July (cases A, B, C, D) and 11 August (A again, E, F); around them the
items that must not count: a MATAC meeting, a MARAC meeting still scheduled, and meetings just either side of the
quarter's bounds (local time).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from marac.agencies.models import Agency
from marac.meetings.models import AgendaItem, Meeting, MeetingPurpose, MeetingStatus
from marac.people.models import Ethnicity, Gender, SexualOrientation
from marac.referrals.models import Case, CaseParty, PartyRole
from marac.reports.quarters import Quarter
from marac.testing.factories import CaseFactory, PersonFactory, ReferralFactory

QUARTER = Quarter(2026, 3)


def local(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def meeting(locale, when: dt.datetime, *, status=MeetingStatus.CLOSED, purpose=MeetingPurpose.MARAC) -> Meeting:
    return Meeting.objects.create(locality=locale.locality, scheduled_for=when, status=status, purpose=purpose)


def case(locale, reference: str, *, perpetrator_born: dt.date | None = None, perpetrator: bool = True, **victim):
    person = PersonFactory(locality=locale.locality, given_name=f"Victim{reference}", **victim)
    created = CaseFactory(locality=locale.locality, reference=reference, victim=person)
    if perpetrator:
        offender = PersonFactory(
            locality=locale.locality, given_name=f"Perp{reference}", gender=Gender.MALE, date_of_birth=perpetrator_born
        )
        CaseParty.objects.create(case=created, person=offender, role=PartyRole.PERPETRATOR)
    return created


def listed(meeting: Meeting, case: Case, agency: Agency, referred: dt.date, *, repeat=False, children=0) -> AgendaItem:
    referral = ReferralFactory(
        case=case,
        referring_agency=agency,
        referred_at=local(referred.year, referred.month, referred.day, 12),
        is_repeat=repeat,
        children_in_household=children,
    )
    return AgendaItem.objects.create(meeting=meeting, case=case, referral=referral)


@dataclass
class Quarter3:
    first: Meeting
    second: Meeting
    cases: dict[str, Case]


def build_quarter(locale) -> Quarter3:
    july, august = meeting(locale, local(2026, 7, 14)), meeting(locale, local(2026, 8, 11))
    cases = {
        # Black, disabled, 30; police; her perpetrator 40.
        "A": case(
            locale,
            "Q3-A",
            gender=Gender.FEMALE,
            ethnicity=Ethnicity.BLACK,
            sexual_orientation=SexualOrientation.HETEROSEXUAL,
            has_disability=True,
            date_of_birth=dt.date(1996, 1, 5),
            perpetrator_born=dt.date(1986, 1, 1),
        ),
        # A man, gay, White British, 35; housing; a repeat; his perpetrator 17 at the referral.
        "B": case(
            locale,
            "Q3-B",
            gender=Gender.MALE,
            ethnicity=Ethnicity.WHITE_BRITISH,
            sexual_orientation=SexualOrientation.GAY_LESBIAN,
            date_of_birth=dt.date(1991, 3, 3),
            perpetrator_born=dt.date(2009, 1, 1),
        ),
        # Asian, trans, 16; the IDVA service; a repeat; her perpetrator 18 that very day.
        "C": case(
            locale,
            "Q3-C",
            gender=Gender.FEMALE,
            ethnicity=Ethnicity.ASIAN,
            is_trans=True,
            date_of_birth=dt.date(2010, 3, 1),
            perpetrator_born=dt.date(2008, 7, 1),
        ),
        # White other, not disabled, 17 (18 the day after the referral); police; perpetrator's age not known.
        "D": case(
            locale,
            "Q3-D",
            gender=Gender.FEMALE,
            ethnicity=Ethnicity.WHITE_OTHER,
            sexual_orientation=SexualOrientation.HETEROSEXUAL,
            has_disability=False,
            date_of_birth=dt.date(2008, 7, 2),
            perpetrator_born=None,
        ),
        # Non-binary, mixed, disabled, age not known; health; perpetrator 16.
        "E": case(
            locale,
            "Q3-E",
            gender=Gender.NON_BINARY,
            ethnicity=Ethnicity.MIXED,
            has_disability=True,
            date_of_birth=None,
            perpetrator_born=dt.date(2010, 1, 1),
        ),
        # Gypsy or Irish Traveller, disabled, 45; police; no perpetrator recorded.
        "F": case(
            locale,
            "Q3-F",
            gender=Gender.FEMALE,
            ethnicity=Ethnicity.GYPSY_TRAVELLER,
            sexual_orientation=SexualOrientation.HETEROSEXUAL,
            has_disability=True,
            date_of_birth=dt.date(1981, 2, 2),
            perpetrator=False,
        ),
    }
    listed(july, cases["A"], locale.police, dt.date(2026, 6, 20), children=2)
    listed(july, cases["B"], locale.housing, dt.date(2026, 6, 30), repeat=True)
    listed(july, cases["C"], locale.idva_service, dt.date(2026, 7, 1), repeat=True, children=1)
    listed(july, cases["D"], locale.police, dt.date(2026, 7, 1), children=3)
    listed(august, cases["A"], locale.police, dt.date(2026, 8, 1), repeat=True, children=2)
    listed(august, cases["E"], locale.health, dt.date(2026, 8, 2))
    listed(august, cases["F"], locale.police, dt.date(2026, 8, 3), children=4)

    # None of these count in the third quarter.
    matac = meeting(locale, local(2026, 8, 20), purpose=MeetingPurpose.MATAC)
    listed(matac, cases["A"], locale.police, dt.date(2026, 8, 15), repeat=True)
    not_held = meeting(locale, local(2026, 9, 29), status=MeetingStatus.SCHEDULED)
    listed(not_held, cases["F"], locale.police, dt.date(2026, 9, 1))
    # 23:30 on 30 June in summer time is 22:30 UTC, still June: the second quarter.
    june = meeting(locale, local(2026, 6, 30, 23, 30))
    listed(june, cases["B"], locale.police, dt.date(2026, 6, 1), repeat=True, children=5)
    # 00:30 on 1 October is 23:30 UTC on 30 September: the fourth quarter locally.
    october = meeting(locale, local(2026, 10, 1, 0, 30))
    listed(october, cases["C"], locale.police, dt.date(2026, 9, 20), children=5)
    return Quarter3(first=july, second=august, cases=cases)
