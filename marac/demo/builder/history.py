"""A year of past MARAC meetings before the demo's first held one, so that the reports have a history to show.

Fourteen meetings, every four weeks back from the earliest held meeting (about thirteen months), each hearing 10 to
18 cases, about a third of them repeats of a case heard earlier in the year; a few referrals declined at triage or
still waiting for more information; the actions each meeting agreed, done on time or late (the agencies differ), not
possible, or still open where the case is still monitored; the IDVA's contact before each meeting and report-back
after it; a few orders breached during the year; and the locality's report settings, for a mid-sized area whose
MARAC is a little short of IDVAs and administration.

Built last, so that every step before it draws the same numbers from the generator as it did without it: the
current stories are unchanged. For the same reason the past cases take the reference numbers after those already in
use, in order of opening within each year, as `save_cases` numbers a batch. The recovery service joined the
partnership after these meetings (see governance), so it is neither invited nor given actions.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from marac.actions.models import Action, ActionStatus, ActionUpdate, CatalogueAction, CatalogueEffect
from marac.demo import data
from marac.demo.builder.agendas import _discussion
from marac.demo.builder.governance import JOINED_LATER
from marac.demo.builder.idva import METHODS, _contact
from marac.demo.builder.people import HONOUR_BACKGROUNDS, _address, _aliases, _relationship, describe_victim
from marac.demo.builder.perpetrators import (
    HOURS,
    MINUTES,
    PlannedBreach,
    PlannedOrder,
    PlannedResponse,
    _breach,
    _order,
)
from marac.demo.builder.referrals import save_case_rows, save_referral_rows
from marac.demo.builder.state import HELD, CaseSpec, Demo, Stage, pronouns
from marac.idva.models import ReportBack, VictimContact
from marac.incidents.models import Gravity
from marac.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CaseOutcome,
    Meeting,
    MeetingMode,
    MeetingStatus,
)
from marac.people.models import Alias, Gender, Person, SexualOrientation
from marac.people.normalise import normalise_name
from marac.perpetrators.models import OrderType, ResponseKind
from marac.referrals.models import Case, CaseStatus
from marac.reports.models import ReportSettings
from marac.risk.reviews import case_review_refresh

DAY = dt.timedelta(days=1)
CADENCE = dt.timedelta(days=28)

MEETINGS = 14
CASES_HEARD = (10, 18, 16)  # the fewest, the most and the commonest a meeting hears; the national average is 16
REPEAT_SHARE = 0.33  # of a meeting's cases once earlier ones can come back: about 30% over the year
REPEAT_WITHIN = 11  # meetings: further abuse within 12 months of the last referral makes a repeat
MOST_HEARINGS = 3
DECLINED, MORE_INFORMATION = 6, 3
STILL_MONITORED = 3  # a case last heard at one of the last three meetings may still be monitored
MONITORING_SHARE = 0.45

# How many victims of each kind the past cases (about 150) have, dealt out like the current ones.
GROUPS = {
    "male": 9,
    "young": 4,  # 16 or 17
    "young_partner": 2,  # 18 or 19, with a partner of 17
    "lesbian": 2,
    "bisexual": 1,
    "trans": 1,
    "disabled": 16,
    "older": 6,  # 65 to 79
}
AGE_BANDS = ((18, 24, 17), (25, 34, 33), (35, 44, 26), (45, 54, 15), (55, 64, 9))  # (youngest, oldest, weight)
SERIAL_PERPETRATORS = 2

OPTIONAL_OWNERS = ("housing", "health", "probation", "mental_health", "programme")
DUE_DAYS = (14, 21, 28, 28, 35, 42)
# How each agency kept what the meetings agreed: (share done late, share not possible, share still open where the
# case is still monitored), so that the agencies' timeliness differs visibly.
HABITS = {
    "police": (0.08, 0.04, 0.20),
    "idva": (0.04, 0.03, 0.15),
    "harbour": (0.10, 0.03, 0.15),
    "housing": (0.40, 0.06, 0.50),
    "childrens": (0.18, 0.03, 0.30),
    "adults": (0.30, 0.05, 0.35),
    "health": (0.25, 0.04, 0.30),
    "mental_health": (0.45, 0.08, 0.50),
    "education": (0.10, 0.03, 0.20),
    "probation": (0.20, 0.05, 0.30),
    "programme": (0.30, 0.20, 0.40),
}
REPORT_BACK_MISSED = 0.05
CONTACT_BEFORE_MEETING, CONTACT_REACHED = 0.6, 0.8
MAY_BE_AWAY = ("education", "mental_health", "programme", "adults", "probation", "health", "housing")

# A mid-sized English area: about 45 cases heard a year per 10,000 women, and staff a little short of the benchmarks
# (one IDVA for 100 referrals a year, one administrator for 400 cases).
REPORT_SETTINGS = {
    "adult_female_population": 42_000,
    "population_minoritised_percent": Decimal("12.0"),
    "population_lgbt_percent": Decimal("3.4"),
    "population_disabled_percent": Decimal("17.5"),
    "population_male_percent": Decimal("48.8"),
    "population_aged_16_17_percent": Decimal("2.6"),
    "idva_fte": Decimal("1.6"),
    "administrator_fte": Decimal("0.4"),
}


@dataclass(frozen=True)
class PastBreach:
    """A planned breach (see perpetrators.PlannedBreach), placed by how far it came into the order's time in force
    before the case came back."""

    share: float
    at: dt.time
    reported_after: dt.timedelta
    reported_by: str  # agency key
    condition: int
    gravity: int
    description: str
    response: PlannedResponse | None = None  # None: awaiting a response


@dataclass(frozen=True)
class PastOrder:
    order_type: str
    issued_by: str
    owner: str  # agency key
    starts_after: int  # days after the case's first hearing
    lasts: int | None  # days; None: no end
    conditions: tuple[str, ...]
    breaches: tuple[PastBreach, ...]


# One order on a case from each third of the year, each breach before the case's next referral: the repeat it
# brought. No restraining order: the demo's current one is the restraining order its pages show.
PAST_ORDERS = (
    PastOrder(
        OrderType.PROTECTION_ORDER,
        "Riverside Family Court",
        "idva",
        starts_after=12,
        lasts=180,
        conditions=(
            "Not to use or threaten violence against her.",
            "Not to come within 100 metres of her home.",
            "Not to contact her except through solicitors about the children.",
        ),
        breaches=(
            PastBreach(
                0.25,
                dt.time(21, 20),
                30 * MINUTES,
                "police",
                3,
                Gravity.MINOR,
                "Sent her messages from a new social media account asking her to drop the order.",
                PlannedResponse(ResponseKind.WARNING, 30 * HOURS, "police", "Warned in person at his address."),
            ),
            PastBreach(
                0.55,
                dt.time(15, 10),
                2 * HOURS,
                "idva",
                2,
                Gravity.MINOR,
                "Parked outside her home for an hour; she saw him from the window.",
                PlannedResponse(ResponseKind.RETURN_TO_COURT, 96 * HOURS, "idva", "Her solicitor asked for a hearing."),
            ),
            PastBreach(
                0.85,
                dt.time(19, 45),
                3 * HOURS,
                "idva",
                1,
                Gravity.MODERATE,
                "She told her IDVA he pushed her against a wall in the street outside the shop.",
            ),
        ),
    ),
    PastOrder(
        OrderType.BAIL_CONDITIONS,
        "Riverside Police",
        "police",
        starts_after=5,
        lasts=35,
        conditions=("Not to go to the family home.", "Not to contact her directly or through anyone else."),
        breaches=(
            PastBreach(
                0.3,
                dt.time(23, 5),
                40 * MINUTES,
                "police",
                2,
                Gravity.MINOR,
                "Called her from a friend's phone late at night.",
                PlannedResponse(
                    ResponseKind.NO_ACTION,
                    6 * HOURS,
                    "police",
                    "She did not want to give a statement; he was reminded of his conditions.",
                ),
            ),
            PastBreach(
                0.8,
                dt.time(17, 30),
                20 * MINUTES,
                "police",
                1,
                Gravity.MODERATE,
                "Found in the family home when officers called after a neighbour rang 999.",
                PlannedResponse(ResponseKind.CHARGE, 20 * HOURS, "police"),
            ),
        ),
    ),
    PastOrder(
        OrderType.PROTECTION_NOTICE,
        "Riverside Police",
        "police",
        starts_after=3,
        lasts=2,
        conditions=("Not to enter the home.", "Not to contact her."),
        breaches=(
            PastBreach(
                0.5,
                dt.time(1, 40),
                15 * MINUTES,
                "police",
                1,
                Gravity.MODERATE,
                "Came back to the house drunk and banged on the door until the police came.",
                PlannedResponse(ResponseKind.ARREST, 45 * MINUTES, "police"),
            ),
        ),
    ),
)


@dataclass
class _Unused:
    """Names and phone numbers no one in the locality has yet, so that no two invented people look alike."""

    names: set[str]
    phones: list[str]


def build_history(demo: Demo) -> None:
    """The past meetings, their cases and what followed, then the report settings; call it after every other step."""
    meetings = _meetings(demo)
    keys = list(meetings)
    journeys = [[Stage(keys[number]) for number in journey] for journey in _journeys(demo)]
    _outcomes(demo, journeys, keys)
    journeys += [[Stage("declined")] for _ in range(DECLINED)] + [[Stage("more_info")] for _ in range(MORE_INFORMATION)]
    _times(demo, journeys, meetings)
    specs = _people(demo, journeys, keys)
    _sources_and_idvas(demo, specs, meetings)
    _save_people(demo, specs)
    save_case_rows(demo, specs, lambda spec: _status(spec, meetings))
    referrals = save_referral_rows(demo, specs)
    _agendas(demo, specs, meetings)
    actions = _actions(demo, specs)
    report_backs, contacts = _idva_work(demo, specs, meetings)
    _refresh_risk(specs)
    breaches = _orders(demo, specs, meetings)
    ReportSettings.objects.create(locality=demo.locality, **REPORT_SETTINGS)
    demo.counts.update(
        history_meetings=len(meetings),
        history_cases=len(specs),
        history_referrals=referrals,
        history_actions=actions,
        history_report_backs=report_backs,
        history_victim_contacts=contacts,
        history_breaches=breaches,
    )


def _meetings(demo: Demo) -> dict[str, Meeting]:
    """Every four weeks on a Tuesday at ten, up to four weeks before the first held meeting; closed, with
    attendance."""
    first_held = timezone.localdate(min(demo.meetings[key].scheduled_for for key in HELD))
    invited = {key: agency for key, agency in demo.agencies.items() if key not in JOINED_LATER}
    deadline = dt.timedelta(days=demo.locality.research_deadline_days)
    meetings = {}
    for number in range(1, MEETINGS + 1):
        scheduled_for = demo.local(first_held - (MEETINGS + 1 - number) * CADENCE, 10)
        meetings[f"P{number:02d}"] = Meeting(
            locality=demo.locality,
            scheduled_for=scheduled_for,
            mode=MeetingMode.LIVE,
            status=MeetingStatus.CLOSED,
            location="Online (video call)" if demo.rng.random() < 0.25 else demo.locality.meeting_location,
            chair=demo.users["chair"],
            research_deadline=scheduled_for - deadline,
            started_at=scheduled_for,
            closed_at=scheduled_for + dt.timedelta(hours=3, minutes=45),
        )
    Meeting.objects.bulk_create(meetings.values())
    invitation = Meeting.invited_agencies.through
    invitation.objects.bulk_create(
        invitation(meeting=meeting, agency=agency) for meeting in meetings.values() for agency in invited.values()
    )
    rows = []
    for meeting in meetings.values():
        away = demo.rng.sample(MAY_BE_AWAY, demo.rng.choice((0, 1, 1, 2, 2, 3)))
        for agency_key, agency in invited.items():
            status, sent = AttendanceStatus.PRESENT, False
            if agency_key in away:
                status = AttendanceStatus.APOLOGIES if demo.rng.random() < 0.75 else AttendanceStatus.ABSENT
                sent = status == AttendanceStatus.APOLOGIES and demo.rng.random() < 0.6
            present = status == AttendanceStatus.PRESENT
            rows.append(
                Attendance(
                    meeting=meeting,
                    agency=agency,
                    attendee_name=demo.voice(agency_key).get_full_name() if present else "",
                    status=status,
                    information_sent=sent,
                )
            )
    Attendance.objects.bulk_create(rows)
    return meetings


def _journeys(demo: Demo) -> list[list[int]]:
    """The meetings (by number) that heard each case: each meeting hears new cases and some that come back."""
    journeys: list[list[int]] = []
    for number in range(MEETINGS):
        heard = round(demo.rng.triangular(*CASES_HEARD))
        returning = [j for j in journeys if len(j) < MOST_HEARINGS and number - j[-1] <= REPEAT_WITHIN]
        # Drawn with weights that favour the recently heard: abuse most often comes back within months.
        returning.sort(key=lambda journey: demo.rng.random() ** (number - journey[-1]), reverse=True)
        back = returning[: round(heard * REPEAT_SHARE)]
        for journey in back:
            journey.append(number)
        journeys += [[number] for _ in range(heard - len(back))]
    return journeys


def _outcomes(demo: Demo, journeys: list[list[Stage]], keys: list[str]) -> None:
    """Mostly closed: only a case last heard at one of the last few meetings may still be monitored."""
    for stages in journeys:
        for stage in stages[:-1]:
            stage.outcome = demo.rng.choice((CaseOutcome.MONITORING, CaseOutcome.CLOSED))
        last = stages[-1]
        recent = keys.index(last.kind) >= MEETINGS - STILL_MONITORED
        monitored = recent and demo.rng.random() < MONITORING_SHARE
        last.outcome = CaseOutcome.MONITORING if monitored else CaseOutcome.CLOSED


def _times(demo: Demo, journeys: list[list[Stage]], meetings: dict[str, Meeting]) -> None:
    """Referred 10 to 24 days before the meeting (a repeat after the meeting before), triaged within two days; the
    declined referrals spread over the year, those awaiting more information in its last months."""
    ordered = list(meetings.values())
    first_day, last_day = (timezone.localdate(meeting.scheduled_for) for meeting in (ordered[0], ordered[-1]))
    declined = [stages[0] for stages in journeys if stages[0].kind == "declined"]
    for number, stage in enumerate(declined):
        day = first_day + dt.timedelta(days=(last_day - first_day).days * (2 * number + 1) // (2 * len(declined)))
        stage.referred_at = demo.office_moment(day)
    waiting = [stages[0] for stages in journeys if stages[0].kind == "more_info"]
    for number, stage in enumerate(waiting):
        stage.referred_at = demo.office_moment(last_day - dt.timedelta(days=20 + 30 * number))
    for stage in declined + waiting:
        stage.triaged_at = demo.office_moment(timezone.localdate(stage.referred_at) + demo.rng.randint(1, 3) * DAY)
    for stages in journeys:
        previous: Stage | None = None
        for stage in stages:
            if stage.kind in meetings:
                meeting = meetings[stage.kind].scheduled_for
                earliest = meeting - 24 * DAY
                if previous:
                    earliest = max(earliest, meetings[previous.kind].scheduled_for + 4 * DAY)
                stage.referred_at = demo.moment(earliest, meeting - 10 * DAY)
                stage.triaged_at = demo.working_moment(
                    stage.referred_at + dt.timedelta(hours=2), stage.referred_at + 2 * DAY
                )
            previous = stage


def _people(demo: Demo, journeys: list[list[Stage]], keys: list[str]) -> list[CaseSpec]:
    """Each case's victim, perpetrators and children, their ages as on the first referral."""
    people = Person.objects.filter(locality=demo.locality)
    taken_phones = set(people.values_list("phone", flat=True))
    # Ofcom keeps 07700 900000–900999 for drama, so these numbers reach nobody.
    unused = _Unused(
        names=set(people.values_list("normalised_name", flat=True)),
        phones=[phone for number in range(1000) if (phone := f"07700 900{number:03d}") not in taken_phones],
    )
    order = list(range(len(journeys)))
    demo.rng.shuffle(order)
    dealt = iter(order)
    groups = {name: {next(dealt) for _ in range(size)} for name, size in GROUPS.items()}
    specs = [_case(demo, unused, stages, number, groups) for number, stages in enumerate(journeys)]
    _share_perpetrators(demo, specs, keys)
    return specs


def _case(demo: Demo, unused: _Unused, stages: list[Stage], number: int, groups: dict[str, set[int]]) -> CaseSpec:
    on = timezone.localdate(stages[0].referred_at)
    facts: set[str] = set()
    perpetrator_age = None
    if number in groups["young"]:
        age = demo.rng.choice((16, 17))
        facts.add("young")
        perpetrator_age = demo.rng.choice((16, 17, 17, 19))
    elif number in groups["young_partner"]:
        age, perpetrator_age = demo.rng.randint(18, 19), 17
    elif number in groups["older"]:
        age = demo.rng.randint(65, 79)
        facts |= {"older", "disabled"} if demo.rng.random() < 0.5 else {"older"}
    else:
        youngest, oldest, _weight = demo.rng.choices(AGE_BANDS, weights=[band[2] for band in AGE_BANDS])[0]
        age = demo.rng.randint(youngest, oldest)
    if number in groups["disabled"]:
        facts.add("disabled")
    male = number in groups["male"]
    gay_male = male and number == min(groups["male"])
    gender = Gender.MALE if male else Gender.FEMALE
    perpetrator_gender = Gender.MALE
    if number in groups["lesbian"] or (male and not gay_male):
        perpetrator_gender = Gender.FEMALE
    if male:
        facts.add("male_victim")
    if perpetrator_gender == Gender.FEMALE:
        facts.add("female_perp")
    if gender == Gender.FEMALE and 18 <= age <= 44:
        facts.add("childbearing")
    background = demo.rng.choices(data.BACKGROUNDS, weights=data.HISTORY_BACKGROUND_WEIGHTS)[0]
    victim = _victim(demo, unused, background, gender, age, on, facts)
    if number in groups["lesbian"] or gay_male:
        victim.sexual_orientation = SexualOrientation.GAY_LESBIAN
    elif number in groups["bisexual"]:
        victim.sexual_orientation = SexualOrientation.BISEXUAL
    victim.is_trans = True if number in groups["trans"] else (None if demo.rng.random() < 0.3 else False)
    spec = CaseSpec(stages=stages, transferred=False, background=background, victim=victim, facts=facts)
    demo.aliases[id(victim)] = _aliases(demo, victim, background)
    _add_perpetrators(demo, unused, spec, perpetrator_gender, perpetrator_age or _partner_age(demo, age, facts), on)
    _add_children(demo, unused, spec, age, on)
    spec.words = {
        "v": victim.given_name,
        "p": spec.perpetrators[0][0].given_name,
        **pronouns(gender, "v"),
        **pronouns(perpetrator_gender, "p"),
    }
    return spec


def _partner_age(demo: Demo, victim_age: int, facts: set[str]) -> int:
    if "older" in facts:
        return victim_age + demo.rng.randint(-2, 5)
    return max(18, victim_age + demo.rng.randint(-3, 8))


def _person(
    demo: Demo, unused: _Unused, background: data.Background, gender: str, age: int, on: dt.date, family: str = ""
) -> Person:
    """A name no one in the locality has yet, and a date of birth that makes the person `age` on `on`."""
    for _attempt in range(20):
        given = demo.rng.choice(background.male if gender == Gender.MALE else background.female)
        surname = family
        if not family:
            male_form, female_form = demo.rng.choice(background.family)
            surname = male_form if gender == Gender.MALE else female_form
        name = normalise_name(given, surname)
        if name not in unused.names:
            break
    unused.names.add(name)
    born = dt.date(on.year - age, on.month, min(on.day, 28)) - dt.timedelta(days=demo.rng.randint(20, 340))
    return Person(
        locality=demo.locality,
        given_name=given,
        family_name=surname,
        normalised_name=name,
        date_of_birth=born,
        gender=gender,
        ethnicity=background.ethnicity,
    )


def _victim(
    demo: Demo, unused: _Unused, background: data.Background, gender: str, age: int, on: dt.date, facts: set[str]
) -> Person:
    victim = _person(demo, unused, background, gender, age, on)
    return describe_victim(
        demo, victim, background, facts, lambda: unused.phones.pop(demo.rng.randrange(len(unused.phones)))
    )


def _add_perpetrators(demo: Demo, unused: _Unused, spec: CaseSpec, gender: str, age: int, on: dt.date) -> None:
    background = spec.background if demo.rng.random() < 0.8 else demo.rng.choice(data.BACKGROUNDS)
    perpetrator = _person(demo, unused, background, gender, age, on)
    demo.aliases[id(perpetrator)] = _aliases(demo, perpetrator, background)
    separated = demo.rng.random() < 0.55
    relation = _relationship(demo, spec, gender, separated)
    living_together = not separated and demo.rng.random() < 0.7
    perpetrator.address, perpetrator.postcode = (
        (spec.victim.address, spec.victim.postcode) if living_together else _address(demo)
    )
    spec.perpetrators.append((perpetrator, relation))
    if relation == "Husband" and spec.background.key in HONOUR_BACKGROUNDS and demo.rng.random() < 0.5:
        spec.facts.add("honour")
        brother_age = age + demo.rng.randint(-4, 6)
        brother = _person(demo, unused, background, Gender.MALE, brother_age, on, family=perpetrator.family_name)
        brother.address, brother.postcode = _address(demo)
        spec.perpetrators.append((brother, "Husband's brother"))


def _add_children(demo: Demo, unused: _Unused, spec: CaseSpec, victim_age: int, on: dt.date) -> None:
    """About 1.2 children a case, as nationally."""
    if not 19 <= victim_age <= 50 or demo.rng.random() > 0.7:
        return
    perpetrator = spec.perpetrators[0][0]
    for _ in range(demo.rng.choice((1, 1, 2, 2, 2, 3, 3, 4))):
        age = demo.rng.randint(0, min(15, victim_age - 17))
        family = perpetrator.family_name if demo.rng.random() < 0.6 else spec.victim.family_name
        gender = demo.rng.choice((Gender.MALE, Gender.FEMALE))
        child = _person(demo, unused, spec.background, gender, age, on, family=family)
        if age >= 5:
            child.school = demo.rng.choice(data.SCHOOLS["secondary" if age >= 11 else "primary"])
            spec.facts.add("school_age")
        elif age >= 2:
            child.school = demo.rng.choice(data.SCHOOLS["nursery"])
        else:
            spec.facts.add("baby")
        child.address, child.postcode = spec.victim.address, spec.victim.postcode
        spec.children.append(child)
    spec.facts.add("children")


def _share_perpetrators(demo: Demo, specs: list[CaseSpec], keys: list[str]) -> None:
    """A few men abuse a new partner later in the year: one perpetrator record on both victims' cases."""
    for _ in range(SERIAL_PERPETRATORS):
        plain = [
            spec
            for spec in specs
            if spec.stages[0].kind in keys
            and spec.victim.gender == Gender.FEMALE
            and not spec.facts & {"female_perp", "young", "honour", "serial_perpetrator"}
        ]
        first = demo.rng.choice([spec for spec in plain if keys.index(spec.stages[-1].kind) < MEETINGS // 2])
        later = [spec for spec in plain if keys.index(spec.stages[0].kind) >= keys.index(first.stages[-1].kind) + 3]
        if not later:
            return
        second = demo.rng.choice(later)
        perpetrator = first.perpetrators[0][0]
        demo.aliases.pop(id(second.perpetrators[0][0]), None)
        second.perpetrators[0] = (perpetrator, "Partner")
        second.words["p"] = perpetrator.given_name
        first.facts.add("serial_perpetrator")
        second.facts.add("serial_perpetrator")


def _sources_and_idvas(demo: Demo, specs: list[CaseSpec], meetings: dict[str, Meeting]) -> None:
    """Referring agencies in the locality's proportions (the declined and unclear referrals came from a GP
    practice), and an IDVA service for every case a meeting heard."""
    listed = [stage for spec in specs for stage in spec.stages if stage.kind in meetings]
    pool = data.HISTORY_REFERRAL_SOURCES
    # The pool stretched over the referrals, so that each agency's share is the pool's to within one referral.
    sources = [pool[index * len(pool) // len(listed)] for index in range(len(listed))]
    demo.rng.shuffle(sources)
    for stage, source in zip(listed, sources, strict=True):
        stage.agency_key = source
    for spec in specs:
        if spec.stages[0].kind not in meetings:
            spec.stages[0].agency_key = "health"
            continue
        referrers = {stage.agency_key for stage in spec.stages}
        chance = 0.4 if "migrant" in spec.facts else 0.08
        if "harbour" in referrers or ("idva" not in referrers and demo.rng.random() < chance):
            spec.idva_key = "harbour"
            spec.idva_username = "harbour.idva" if demo.rng.random() < 0.8 else ""
        else:
            spec.idva_key = "idva"
            spec.idva_username = demo.rng.choices(("idva", "idva2", ""), weights=(6, 3, 1))[0]


def _save_people(demo: Demo, specs: list[CaseSpec]) -> None:
    people: dict[int, Person] = {}  # by id(): a perpetrator on two cases is one record
    for spec in specs:
        for person in [spec.victim, *(perpetrator for perpetrator, _relation in spec.perpetrators), *spec.children]:
            people[id(person)] = person
    Person.objects.bulk_create(people.values())
    Alias.objects.bulk_create(
        Alias(person=person, name=name, normalised_name=normalise_name(name))
        for key, person in people.items()
        for name in demo.aliases.get(key, [])
    )


def _status(spec: CaseSpec, meetings: dict[str, Meeting]) -> tuple[str, dt.datetime | None]:
    last = spec.stages[-1]
    if last.kind == "declined":
        return CaseStatus.CLOSED, last.triaged_at
    if last.kind == "more_info":
        return CaseStatus.REFERRED, None
    if last.outcome == CaseOutcome.CLOSED:
        return CaseStatus.CLOSED, meetings[last.kind].closed_at
    return CaseStatus.MONITORING, None


def _agendas(demo: Demo, specs: list[CaseSpec], meetings: dict[str, Meeting]) -> None:
    """Each meeting's cases in the order triaged, heard one after another for 7 to 12 minutes each."""
    items = []
    for key, meeting in meetings.items():
        listed = sorted(
            ((spec, stage) for spec in specs for stage in spec.stages if stage.kind == key),
            key=lambda pair: pair[1].triaged_at,
        )
        clock = meeting.scheduled_for + dt.timedelta(minutes=5)
        for position, (spec, stage) in enumerate(listed, start=1):
            ended = clock + dt.timedelta(minutes=demo.rng.randint(7, 12))
            stage.item = AgendaItem(
                meeting=meeting,
                case=spec.case,
                referral=stage.referral,
                position=position,
                discussion_started_at=clock,
                discussion_ended_at=ended,
                discussed_at=ended - dt.timedelta(minutes=1),
                outcome=stage.outcome,
            )
            clock = ended
            known_to = ["police", spec.idva_key]
            known_to += [
                agency for agency, fact in (("childrens", "children"), ("adults", "disabled")) if fact in spec.facts
            ]
            known_to += [agency for agency in ("housing", "health", "probation") if demo.rng.random() < 0.4]
            _discussion(demo, spec, stage, known_to)
            items.append(stage.item)
    AgendaItem.objects.bulk_create(items)


def _owners(demo: Demo, spec: CaseSpec) -> list[str]:
    owners = ["police"] if demo.rng.random() < 0.9 else []
    if demo.rng.random() < 0.8:
        owners.append(spec.idva_key)
    likely = (("childrens", "children", 0.7), ("education", "school_age", 0.4), ("adults", "disabled", 0.6))
    owners += [key for key, fact, chance in likely if fact in spec.facts and demo.rng.random() < chance]
    owners += demo.rng.sample(OPTIONAL_OWNERS, demo.rng.choice((0, 1, 1, 2)))
    return owners or ["police"]


def _actions(demo: Demo, specs: list[CaseSpec]) -> int:
    """Actions agreed at each hearing, due two to six weeks later; incomplete only where the case is still
    monitored after its last hearing. Catalogue entries that set something off (a MATAC referral) are left out:
    the past meetings set nothing off."""
    catalogue: dict[str, list[CatalogueAction]] = {}
    for entry in CatalogueAction.objects.filter(is_active=True, effect=CatalogueEffect.NONE).order_by("pk"):
        catalogue.setdefault(entry.agency_type, []).append(entry)
    planned = []
    for spec in specs:
        for stage in spec.stages:
            if stage.item is None:
                continue
            monitored = stage is spec.stages[-1] and stage.outcome == CaseOutcome.MONITORING
            meeting_day = timezone.localdate(stage.item.meeting.scheduled_for)
            for owner_key in _owners(demo, spec):
                owner = demo.agencies[owner_key]
                entries = catalogue.get(owner.agency_type, [])
                linked = demo.rng.choice(entries) if entries and demo.rng.random() < 0.7 else None
                action = Action(
                    case=spec.case,
                    agenda_item=stage.item,
                    owner_agency=owner,
                    catalogue_action=linked,
                    text=linked.text if linked else demo.rng.choice(data.ACTIONS_BY_AGENCY[owner_key]),
                    due_date=meeting_day + dt.timedelta(days=demo.rng.choice(DUE_DAYS)),
                    created_by=demo.users["chair"],
                    created_at=stage.item.discussion_started_at + dt.timedelta(minutes=5),
                )
                planned.append((action, owner_key, _trail(demo, spec, action, owner_key, monitored=monitored)))
    Action.objects.bulk_create(action for action, _owner, _trail_ in planned)
    ActionUpdate.objects.bulk_create(
        ActionUpdate(
            action=action,
            author=demo.voice(owner_key),
            agency=action.owner_agency,
            created_at=created_at,
            status_before=before,
            status_after=after,
            note=note,
        )
        for action, owner_key, trail in planned
        for created_at, before, after, note in trail
    )
    return len(planned)


def _trail(
    demo: Demo, spec: CaseSpec, action: Action, owner_key: str, *, monitored: bool
) -> list[tuple[dt.datetime, str, str, str]]:
    """Give the action its status, by the owner agency's habits, and return the dated updates that brought it
    there: (when, status before, status after, note)."""
    late, not_possible, still_open = HABITS[owner_key]
    created = action.created_at
    due_by = demo.local(action.due_date, 17)
    progress = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, demo.rng.choice(data.ACTION_PROGRESS_NOTES))
    if monitored and demo.rng.random() < still_open:
        action.status = demo.rng.choice((ActionStatus.OPEN, ActionStatus.IN_PROGRESS))
        if action.status == ActionStatus.OPEN:
            return []
        return [(demo.working_moment(created + DAY, created + 10 * DAY), *progress)]
    if demo.rng.random() < not_possible:
        action.status = ActionStatus.NOT_POSSIBLE
        action.not_possible_reason = demo.fill(data.ACTION_NOT_POSSIBLE_BY_AGENCY[owner_key], spec)
        when = demo.working_moment(created + 2 * DAY, created + 15 * DAY)
        return [(when, ActionStatus.OPEN, ActionStatus.NOT_POSSIBLE, action.not_possible_reason)]
    action.status = ActionStatus.DONE
    trail = []
    start = created
    if demo.rng.random() < 0.5:
        start = demo.working_moment(created + DAY, created + 8 * DAY)
        trail.append((start, *progress))
    if demo.rng.random() < late:
        after_due = demo.local(action.due_date + DAY, 9)
        done_at = demo.working_moment(after_due, after_due + demo.rng.randint(2, 30) * DAY)
    else:
        done_at = demo.working_moment(start + dt.timedelta(hours=1), due_by)
    before = ActionStatus.IN_PROGRESS if trail else ActionStatus.OPEN
    trail.append((done_at, before, ActionStatus.DONE, demo.rng.choice(data.ACTION_DONE_NOTES)))
    action.completed_at = done_at
    return trail


def _idva_work(demo: Demo, specs: list[CaseSpec], meetings: dict[str, Meeting]) -> tuple[int, int]:
    """The IDVA seeks the victim's views before most hearings, and reports back after each; a few report-backs
    were never done."""
    report_backs, contacts = [], []
    for spec in specs:
        if not spec.idva_key:
            continue
        agency = demo.agencies[spec.idva_key]
        idva = demo.users[spec.idva_username] if spec.idva_username else demo.voice(spec.idva_key)
        for stage in spec.stages:
            if stage.item is None:
                continue
            if demo.rng.random() < CONTACT_BEFORE_MEETING:
                moment = demo.working_moment(stage.triaged_at + dt.timedelta(hours=3), stage.triaged_at + 4 * DAY)
                reached = demo.rng.random() < CONTACT_REACHED
                contacts.append(
                    _contact(demo, spec, agency, idva, moment, successful=reached, method=demo.rng.choice(METHODS))
                )
            closed_at = meetings[stage.kind].closed_at
            report_back = ReportBack(
                case=spec.case,
                meeting=meetings[stage.kind],
                agency=agency,
                due_date=timezone.localdate(closed_at) + dt.timedelta(days=demo.locality.report_back_due_days),
            )
            if demo.rng.random() >= REPORT_BACK_MISSED:
                told = demo.working_moment(closed_at + dt.timedelta(hours=1), closed_at + 4 * DAY)
                report_back.victim_told_at = told
                report_back.method = demo.rng.choice(METHODS)
                report_back.note = demo.fill(demo.rng.choice(data.REPORT_BACK_NOTES), spec)
                report_back.completed_at = demo.working_moment(
                    told + dt.timedelta(minutes=20), told + dt.timedelta(hours=5)
                )
                report_back.completed_by = idva
            report_backs.append(report_back)
    ReportBack.objects.bulk_create(report_backs)
    VictimContact.objects.bulk_create(contacts)
    return len(report_backs), len(contacts)


def _refresh_risk(specs: list[CaseSpec]) -> None:
    """Each case's level and next review from its latest checklist: the one on its last referral."""
    for spec in specs:
        latest = spec.stages[-1].referral.assessment
        spec.case.risk_level, spec.case.next_review_due = latest.final_level, latest.next_review_due
    Case.objects.bulk_update([spec.case for spec in specs], ["risk_level", "next_review_due"])


def _orders(demo: Demo, specs: list[CaseSpec], meetings: dict[str, Meeting]) -> int:
    """Each planned order on a case from its third of the year that came back, breached before it came back."""
    keys = list(meetings)
    breaches = 0
    used: list[CaseSpec] = []
    for third, past in enumerate(PAST_ORDERS):
        windows = []
        for spec in specs:
            if spec in used or len(spec.stages) < 2:
                continue
            first, second = (keys.index(stage.kind) for stage in spec.stages[:2])
            # Heard first in its third of the year and again soon after: the orders' breaches spread over the year.
            if first * len(PAST_ORDERS) // MEETINGS != third or second - first > 3:
                continue
            if spec.victim.gender != Gender.FEMALE or spec.facts & {"female_perp", "young"}:
                continue
            starts_on = timezone.localdate(meetings[spec.stages[0].kind].scheduled_for) + past.starts_after * DAY
            # Two days before the referral it led to, so that the referral's checklist answers the review it asked.
            ends_on = timezone.localdate(spec.stages[1].referred_at) - 2 * DAY
            if past.lasts is not None:
                ends_on = min(ends_on, starts_on + past.lasts * DAY)
            if (ends_on - starts_on).days >= 2 * len(past.breaches):
                windows.append((spec, starts_on, ends_on))
        if not windows:
            continue
        spec, starts_on, ends_on = demo.rng.choice(windows)
        used.append(spec)
        order_ends_on = None if past.lasts is None else starts_on + past.lasts * DAY
        plan = PlannedOrder(
            order_type=past.order_type,
            issued_by=past.issued_by,
            owner=past.owner,
            starts_days_ago=(demo.today - starts_on).days,
            ends_in_days=None if order_ends_on is None else (order_ends_on - demo.today).days,
            conditions=past.conditions,
        )
        order = _order(demo, spec, plan)
        for past_breach in past.breaches:
            day = starts_on + max(1, round(past_breach.share * (ends_on - starts_on).days)) * DAY
            fields = {name: value for name, value in vars(past_breach).items() if name != "share"}
            _breach(demo, spec, order, PlannedBreach(days_ago=(demo.today - day).days, **fields))
            breaches += 1
        case_review_refresh(case=spec.case)
    return breaches
