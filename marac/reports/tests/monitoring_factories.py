"""A hand-built year (October 2025 to September 2026, the year ending 2026-Q3) whose monitoring measures are counted
by hand in test_monitoring.py.

Seven victims referred in the year, ten referrals among them:
- V1: 15 Oct 2025, listed, heard 10 Nov with actions done and not possible, told; 20 Feb 2026, a repeat, listed,
  heard 9 Mar with an action open. A successful contact on 10 Jan 2026.
- V2: 1 Nov 2025, listed, heard 9 Mar with no action agreed there, told. An unsuccessful contact.
- V3: 1 Dec 2025, declined; 5 Jan 2026, a repeat, more information requested. A successful contact on 6 Jan 2026.
- V4: 1 Apr 2026, awaiting triage.
- V5: 1 Sep 2026, listed, on the agenda of a MATAC meeting and of a meeting still scheduled only. A contact after
  the year.
- V6: 10 Jun 2026 at 00:30, a repeat, listed, heard 14 Sep (in progress) with actions done, report-back not done.
  Before the year: a referral heard in August 2025 and told.
- V8: 31 Dec 2025, listed, heard 9 Mar with an action done, told; 1 May 2026, a repeat, listed, heard 14 Sep with
  an action in progress. A successful contact on 2 May 2026.
- V7: referred only at 23:30 on 30 Sep 2025 and 00:30 on 1 Oct 2026, local time: outside the year.
Six perpetrators: P1 of V1 and V2; P2 of V3 and V6; P3 of V4, and of V7 who was referred only outside the year; P4
and P6 of V5; P7 of V8. P5 (of V7 only) is not counted, nor a child of V1's household, nor another locality's case.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from marac.actions.models import Action, ActionStatus
from marac.idva.models import ContactMethod, ReportBack, VictimContact
from marac.meetings.models import AgendaItem, Meeting, MeetingPurpose, MeetingStatus
from marac.people.models import Ethnicity, Gender, Person, SexualOrientation
from marac.referrals.models import Case, CaseParty, PartyRole, Referral, TriageStatus
from marac.reports.quarters import Quarter
from marac.reports.tests.factories import local, meeting
from marac.testing.factories import CaseFactory, PersonFactory, ReferralFactory

LAST_QUARTER = Quarter(2026, 3)


def person(locale, name: str, **fields) -> Person:
    return PersonFactory(locality=locale.locality, given_name=name, **fields)


def case_of(locale, reference: str, victim: Person, *perpetrators: Person) -> Case:
    created = CaseFactory(locality=locale.locality, reference=reference, victim=victim)
    for perpetrator in perpetrators:
        CaseParty.objects.create(case=created, person=perpetrator, role=PartyRole.PERPETRATOR)
    return created


def refer(locale, case: Case, when: dt.datetime, *, repeat=False, triage=TriageStatus.LISTED) -> Referral:
    return ReferralFactory(
        case=case, referring_agency=locale.police, referred_at=when, is_repeat=repeat, triage_status=triage
    )


def hear(locale, meeting: Meeting, referral: Referral, *action_statuses: str) -> AgendaItem:
    """The referral on the meeting's agenda, with one action agreed there for each status given."""
    item = AgendaItem.objects.create(meeting=meeting, case=referral.case, referral=referral)
    for status in action_statuses:
        Action.objects.create(
            case=referral.case,
            agenda_item=item,
            owner_agency=locale.police,
            text="Marker on the address.",
            due_date=timezone.localdate(meeting.scheduled_for) + dt.timedelta(days=14),
            status=status,
            created_by=locale.memberships["coordinator"].user,
            created_at=meeting.scheduled_for,
        )
    return item


def report_back(locale, case: Case, meeting: Meeting, *, completed: bool) -> ReportBack:
    done = meeting.scheduled_for + dt.timedelta(days=2) if completed else None
    return ReportBack.objects.create(
        case=case,
        meeting=meeting,
        agency=locale.idva_service,
        due_date=timezone.localdate(meeting.scheduled_for) + dt.timedelta(days=2),
        completed_at=done,
        victim_told_at=done,
    )


def contact(locale, case: Case, when: dt.datetime, *, successful=True) -> VictimContact:
    return VictimContact.objects.create(
        case=case,
        agency=locale.idva_service,
        recorded_by=locale.memberships["idva"].user,
        contacted_at=when,
        method=ContactMethod.PHONE,
        successful=successful,
    )


@dataclass
class Year:
    victims: dict[str, Person]
    perpetrators: dict[str, Person]
    cases: dict[str, Case]


def _people(locale) -> dict[str, Person]:
    female, het = Gender.FEMALE, SexualOrientation.HETEROSEXUAL
    return {
        # 34 at her first referral of the year (15 Oct 2025), 35 at her second.
        "V1": person(
            locale,
            "V1",
            gender=female,
            ethnicity=Ethnicity.BLACK,
            has_disability=True,
            date_of_birth=dt.date(1991, 1, 1),
            religion="Christian",
            migration_status="British citizen",
            sexual_orientation=het,
        ),
        # 16 on 1 Nov 2025.
        "V2": person(
            locale,
            "V2",
            gender=female,
            ethnicity=Ethnicity.WHITE_BRITISH,
            has_disability=False,
            date_of_birth=dt.date(2009, 6, 1),
            religion="  christian ",
            migration_status="",
            sexual_orientation=SexualOrientation.BISEXUAL,
        ),
        "V3": person(
            locale,
            "V3",
            gender=female,
            ethnicity=Ethnicity.ASIAN,
            has_disability=None,
            date_of_birth=None,
            religion="Muslim",
            migration_status="Refugee",
            sexual_orientation=SexualOrientation.NOT_KNOWN,
        ),
        # 66 on 1 Apr 2026.
        "V4": person(
            locale,
            "V4",
            gender=Gender.MALE,
            ethnicity=Ethnicity.WHITE_OTHER,
            has_disability=True,
            date_of_birth=dt.date(1960, 3, 3),
            religion="   ",
            migration_status="EU settled status",
            sexual_orientation=SexualOrientation.GAY_LESBIAN,
        ),
        # 25 on 1 Sep 2026 (26 only on 30 Sep).
        "V5": person(
            locale,
            "V5",
            gender=female,
            ethnicity=Ethnicity.MIXED,
            has_disability=False,
            date_of_birth=dt.date(2000, 9, 30),
            religion="MUSLIM",
            migration_status="refugee ",
            sexual_orientation=het,
        ),
        # 35 on her referral's local day, 10 Jun 2026 (34 on its UTC day, 9 June).
        "V6": person(
            locale,
            "V6",
            gender=female,
            ethnicity=Ethnicity.WHITE_BRITISH,
            has_disability=False,
            date_of_birth=dt.date(1991, 6, 10),
            religion="None",
            migration_status="",
            sexual_orientation=het,
        ),
        "V7": person(locale, "V7", gender=Gender.NON_BINARY, ethnicity=Ethnicity.ARAB, has_disability=True),
        # 26 on 31 Dec 2025.
        "V8": person(
            locale,
            "V8",
            gender=female,
            ethnicity=Ethnicity.GYPSY_TRAVELLER,
            has_disability=None,
            date_of_birth=dt.date(1999, 12, 31),
            religion="Sikh",
            migration_status="",
            sexual_orientation=het,
        ),
    }


def build_year(locale, other_locale=None) -> Year:
    victims = _people(locale)
    perpetrators = {f"P{n}": person(locale, f"P{n}", gender=Gender.MALE) for n in range(1, 8)}
    p = perpetrators
    cases = {
        "C1": case_of(locale, "Y-C1", victims["V1"], p["P1"]),
        "C2": case_of(locale, "Y-C2", victims["V2"], p["P1"]),
        "C3": case_of(locale, "Y-C3", victims["V3"], p["P2"]),
        "C4": case_of(locale, "Y-C4", victims["V4"], p["P3"]),
        "C5": case_of(locale, "Y-C5", victims["V5"], p["P4"], p["P6"]),
        "C6": case_of(locale, "Y-C6", victims["V6"], p["P2"]),
        # P3 is V7's perpetrator too, but V7 was referred only outside the year.
        "C7": case_of(locale, "Y-C7", victims["V7"], p["P5"], p["P3"]),
        "C8": case_of(locale, "Y-C8", victims["V8"], p["P7"]),
    }
    c = cases
    # A child of V1's household is no perpetrator.
    CaseParty.objects.create(case=c["C1"], person=person(locale, "Child1"), role=PartyRole.CHILD)

    august_2025 = meeting(locale, local(2025, 8, 20))
    november = meeting(locale, local(2025, 11, 10))
    march = meeting(locale, local(2026, 3, 9))
    september = meeting(locale, local(2026, 9, 14), status=MeetingStatus.IN_PROGRESS)
    matac = meeting(locale, local(2026, 9, 10), purpose=MeetingPurpose.MATAC)
    scheduled = meeting(locale, local(2026, 10, 12), status=MeetingStatus.SCHEDULED)
    done, impossible = ActionStatus.DONE, ActionStatus.NOT_POSSIBLE

    r1a = refer(locale, c["C1"], local(2025, 10, 15))
    hear(locale, november, r1a, done, impossible)
    report_back(locale, c["C1"], november, completed=True)
    r1b = refer(locale, c["C1"], local(2026, 2, 20), repeat=True)
    hear(locale, march, r1b, ActionStatus.OPEN)
    contact(locale, c["C1"], local(2026, 1, 10))

    r2 = refer(locale, c["C2"], local(2025, 11, 1))
    hear(locale, march, r2)
    report_back(locale, c["C2"], march, completed=True)
    Action.objects.create(  # agreed outside any meeting: not an action of the hearing
        case=c["C2"],
        owner_agency=locale.housing,
        text="Speed up the security repairs.",
        due_date=dt.date(2026, 4, 1),
        created_by=locale.memberships["coordinator"].user,
        created_at=local(2026, 3, 20),
    )
    contact(locale, c["C2"], local(2026, 3, 1), successful=False)

    refer(locale, c["C3"], local(2025, 12, 1), triage=TriageStatus.DECLINED)
    refer(locale, c["C3"], local(2026, 1, 5), repeat=True, triage=TriageStatus.MORE_INFORMATION)
    contact(locale, c["C3"], local(2026, 1, 6))

    refer(locale, c["C4"], local(2026, 4, 1), triage=TriageStatus.PENDING)

    r5 = refer(locale, c["C5"], local(2026, 9, 1))
    hear(locale, matac, r5, done)
    hear(locale, scheduled, r5)
    contact(locale, c["C5"], local(2026, 10, 5))

    earlier = refer(locale, c["C6"], local(2025, 8, 1))
    hear(locale, august_2025, earlier, done)
    report_back(locale, c["C6"], august_2025, completed=True)
    r6 = refer(locale, c["C6"], local(2026, 6, 10, 0, 30), repeat=True)
    hear(locale, september, r6, done, done)
    report_back(locale, c["C6"], september, completed=False)

    # 23:30 on 30 Sep 2025 and 00:30 on 1 Oct 2026 in local time fall outside the year.
    refer(locale, c["C7"], local(2025, 9, 30, 23, 30))
    refer(locale, c["C7"], local(2026, 10, 1, 0, 30), repeat=True)

    r8a = refer(locale, c["C8"], local(2025, 12, 31))
    hear(locale, march, r8a, done)
    report_back(locale, c["C8"], march, completed=True)
    r8b = refer(locale, c["C8"], local(2026, 5, 1), repeat=True)
    hear(locale, september, r8b, ActionStatus.IN_PROGRESS)
    contact(locale, c["C8"], local(2026, 5, 2))

    if other_locale is not None:
        elsewhere = PersonFactory(locality=other_locale.locality, given_name="Elsewhere")
        offender = PersonFactory(locality=other_locale.locality, given_name="Elsewhere perpetrator")
        far = CaseFactory(locality=other_locale.locality, reference="Y-H1", victim=elsewhere)
        CaseParty.objects.create(case=far, person=offender, role=PartyRole.PERPETRATOR)
        ReferralFactory(case=far, referring_agency=other_locale.police, referred_at=local(2026, 2, 2), is_repeat=True)
    return Year(victims=victims, perpetrators=perpetrators, cases=cases)
