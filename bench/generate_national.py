"""A national-scale synthetic data set for the page benchmark, written into PostgreSQL with COPY.

    python bench/generate_national.py [--scale 1] [--seed 11]

At scale 1: 50 localities, 300,000 people, 100,000 cases, 150,000 referrals (with their assessments), 1,000,000
actions, 1,000,000 incidents and 5,000,000 audit events over five years, with the meetings, agendas, research,
attendance and report-backs that go with them. `--scale 0.01` makes a hundredth of every volume (the 50
localities stay) for a quick run. Target: under 10 minutes at scale 1.

It drops and creates its own database (`marac_bench_national` on the server of $BENCH_DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/marac_bench_national; never the test database) and migrates it. The small
tables (localities, agencies, users and their memberships and authenticator devices, the signed
information-sharing agreements) are written through the ORM. The bulk tables are written in one transaction: their
secondary indexes, unique and foreign-key constraints are set aside, the tables filled with `COPY … FREEZE` in
dependency order, then the indexes built and every foreign key added back, which checks every reference in one
pass. Then ANALYZE. The audit events carry a valid hash chain (`manage.py audit_verify` passes).

What the data looks like:

- Localities differ in size as areas do: the largest holds about 7% of the cases, the smallest about 1%. Each has
  twelve agencies and about thirty staff. Meetings are planned so that a meeting hears about twenty cases (from
  about monthly in the smallest area to every four days in the largest, at scale 1).
- A case is one victim; 30% of cases are referred again, and about 28% of referrals are repeats (within twelve
  months of the one before; a referral after that starts a new episode). A tenth of perpetrators are in two or more
  cases. Children: none in 45% of cases, up to four. Risk: about 60% of referrals reach the visible high-risk
  threshold; most of the rest are referred on professional judgement, and nine latest assessments in ten are high.
- Referrals spread over five years; the latest are awaiting triage or listed on the next meetings. Older cases
  are closed; recent ones are heard, in monitoring or listed.
- About seven actions a hearing, owned by the agency types that usually volunteer them: long past their due date
  nearly all are done or found not possible, recent ones are in progress, and some are overdue.
- Incidents between each case's victim and perpetrator, and between people no case knows, most recorded by the
  police; how often a couple comes to notice is lognormal (a median of about seven incidents a victim, a few couples
  over a hundred).
- Audit events over five years in working hours: case views, lists, updates, sign-ins, by the staff of each
  locality.

The benchmark's own users are in the largest locality: `bench-coordinator-01`… and `bench-police-01`… (an agency
representative of the police), one pair per benchmark client, password `BENCH_PASSWORD` below, each with an
authenticator app. `bench/bench_pages.py` signs them in with the demo's shared code.
"""

import argparse
import bisect
import datetime as dt
import functools
import itertools
import json
import os
import random
import sys
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_incident_import import recreate_database
from bench.bench_rfgv import GRAVITY_WEIGHTS, INCIDENT_TYPES
from bench.names import GROUPS, POSTCODE_AREAS, STREET_KINDS, STREETS, SURNAME_TAILS, TOWNS, NameGroup
from bench.national_texts import (
    ACTION_TEXTS,
    CONSENT_REASONS,
    DISCUSSIONS,
    FIRST_LANGUAGES,
    JUDGEMENT_REASONS,
    NOT_POSSIBLE_REASONS,
    RELATIONSHIPS,
    RESEARCH_KNOWN,
    RISK_SUMMARIES,
    SCHOOLS,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/marac_bench_national"
FULL_SCALE = {
    "people": 300_000,
    "cases": 100_000,
    "referrals": 150_000,
    "actions": 1_000_000,
    "incidents": 1_000_000,
    "audit_events": 5_000_000,
}
LOCALITY_COUNT = 50
YEARS = 5
BENCH_CLIENTS = 16
BENCH_PASSWORD = "national-bench-password-2026"
BENCH_COORDINATOR = "bench-coordinator-{:02d}"
BENCH_POLICE = "bench-police-{:02d}"
AGENDA_SIZE = 16  # the benchmark's agenda: the largest locality's next meeting lists exactly this many cases
CASES_PER_MEETING = 20
LEAD_DAYS = 7  # the locality default agenda lead time: a case is listed on a meeting at least this far ahead
LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
DAY = 86_400.0

# (agency type, name after the town, referrals weight, actions weight)
AGENCIES = (
    ("police", "Police", 60, 22),
    ("idva_service", "Domestic Abuse Service", 14, 20),
    ("housing", "Housing", 4, 12),
    ("childrens_social_care", "Children's Services", 7, 12),
    ("adult_social_care", "Adult Social Care", 2, 3),
    ("health", "Hospital Trust", 7, 10),
    ("mental_health", "Mental Health Trust", 2, 4),
    ("education", "Schools Safeguarding", 1, 5),
    ("probation", "Probation Service", 2, 6),
    ("substance_misuse", "Drug and Alcohol Service", 1, 3),
    ("perpetrator_programme", "Change Programme", 0, 2),
    ("other", "Fire and Rescue", 0, 1),
)
THIRD_SECTOR = {"idva_service", "substance_misuse", "perpetrator_programme"}
# Staff of each locality besides one representative and one referrer for every agency: (agency type, role, count).
EXTRA_STAFF = (
    ("police", "referrer", 3),
    ("police", "chair", 1),
    ("police", "analyst", 1),
    ("idva_service", "coordinator", 1),
    ("idva_service", "idva", 3),
    ("idva_service", "locality_admin", 1),
)
CHILDREN_PER_CASE = (45, 25, 18, 9, 3)  # weights of 0, 1, 2, 3 and 4 children
EXTRA_REFERRALS = (55, 25, 12, 5, 3)  # a repeat case's further referrals: weights of 1, 2, 3, 4 and 5
ETHNICITIES = (
    ("white_british", 68),
    ("white_other", 9),
    ("asian", 8),
    ("black", 5),
    ("mixed", 3),
    ("arab", 1),
    ("gypsy_traveller", 1),
    ("other", 1),
    ("not_known", 4),
)
LATIN_GROUPS = tuple(group for group in GROUPS if not group.script)
# Audit events: (action, object type, summary, weight, about a case)
AUDIT_KINDS = (
    ("view", "referrals.case", "Viewed the case", 42, True),
    ("list", "", "Listed cases", 9, False),
    ("list", "", "Listed actions", 7, False),
    ("list", "meetings.meeting", "Viewed the agenda", 5, False),
    ("update", "actions.action", "Updated the action", 9, True),
    ("create", "referrals.referral", "Referral submitted", 5, True),
    ("create", "meetings.research", "Research posted", 5, True),
    ("login", "auth.user", "Password accepted; the second step comes next", 6, False),
    ("login", "auth.user", "Signed in: second step passed with the authenticator app", 6, False),
    ("logout", "auth.user", "Signed out", 4, False),
    ("export", "", "Exported the quarterly data return as CSV", 1, False),
    ("denied", "referrals.case", "Refused: no relation to the case", 1, True),
)


def _cpu_seconds(pid: int) -> float | None:
    """CPU time used so far by a process of this machine (a PostgreSQL backend); None if it cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)


def scaled_counts(scale: float) -> dict[str, int]:
    counts = {name: max(round(full * scale), 1) for name, full in FULL_SCALE.items()}
    # Every locality needs a few cases, and the largest one a full agenda.
    counts["cases"] = max(counts["cases"], LOCALITY_COUNT * 4, AGENDA_SIZE * 12)
    counts["referrals"] = max(counts["referrals"], counts["cases"])
    counts["people"] = max(counts["people"], counts["cases"] * 3)
    return counts


def locality_weights() -> list[float]:
    """Shares of the national volume, largest first: about 7% for the largest area, 1% for the smallest."""
    raw = [(index + 3) ** -0.7 for index in range(LOCALITY_COUNT)]
    total = sum(raw)
    return [weight / total for weight in raw]


def locality_names() -> list[str]:
    names = list(TOWNS)
    for suffix in ("North", "South", "East", "West", "Vale", "Moor"):
        names.extend(f"{town} {suffix}" for town in TOWNS)
    return names[:LOCALITY_COUNT]


@functools.lru_cache(maxsize=200_000)
def _normalised(given: str, family: str) -> str:
    from marac.people.normalise import normalise_name

    return normalise_name(given, family)


def _json(value) -> str:
    return json.dumps(value, separators=(",", ":"))


def at(timestamp: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(timestamp, UTC)


def local_date(timestamp: float) -> dt.date:
    return dt.datetime.fromtimestamp(timestamp, LONDON).date()


class Weighted:
    """Draws an index with the given weights, quickly (cumulative weights and bisection)."""

    def __init__(self, weights: Sequence[float]):
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random) -> int:
        return bisect.bisect(self.cumulative, rng.random() * self.total)


# ------------------------------------------------------------------------------------------------------------------
# The plan: who and what, in memory, compactly. Rows are written from it while COPY streams.


@dataclass
class Place:
    """One locality as planned."""

    pk: int
    name: str
    code: str
    weight: float
    agencies: dict[str, int] = field(default_factory=dict)  # agency type -> agency id
    agency_names: dict[int, str] = field(default_factory=dict)
    staff: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (agency type, role) -> user ids
    members: list[tuple[int, str, int, str, str]] = field(default_factory=list)  # user, username, agency, name, role
    cadence_days: int = 14
    meetings: list[int] = field(default_factory=list)  # meeting indices, in date order
    meeting_times: list[float] = field(default_factory=list)
    cases: list[int] = field(default_factory=list)  # case indices, in order of opening
    perpetrators: list[int] = field(default_factory=list)

    def user(self, rng: random.Random, agency_type: str, role: str = "") -> int:
        users = self.staff.get((agency_type, role)) if role else None
        if not users:
            users = self.staff.get((agency_type, "agency_rep")) or self.staff[(agency_type, "referrer")]
        return users[0] if len(users) == 1 else rng.choice(users)


@dataclass
class Plan:
    now: float
    start: float
    places: list[Place]
    people: list[tuple] = field(default_factory=list)  # COPY rows of people_person, in id order
    aliases: list[tuple] = field(default_factory=list)
    # Cases, by index (id = index + 1)
    case_place: list[int] = field(default_factory=list)
    case_victim: list[int] = field(default_factory=list)
    case_children: list[list[int]] = field(default_factory=list)
    case_perpetrator: list[int] = field(default_factory=list)
    case_referrals: list[list[int]] = field(default_factory=list)
    case_idva: list[bool] = field(default_factory=list)
    parties: list[tuple] = field(default_factory=list)
    # Referrals, by index (id = index + 1); the referral's assessment has the same id.
    ref_case: list[int] = field(default_factory=list)
    ref_time: list[float] = field(default_factory=list)
    ref_agency: list[str] = field(default_factory=list)
    ref_previous: list[int] = field(default_factory=list)  # index of the referral repeated, or -1
    ref_triage: list[str] = field(default_factory=list)
    ref_score: list[int] = field(default_factory=list)
    ref_level: list[str] = field(default_factory=list)
    # Meetings, by index (id = index + 1)
    meeting_place: list[int] = field(default_factory=list)
    meeting_time: list[float] = field(default_factory=list)
    meeting_items: list[list[tuple[int, int]]] = field(default_factory=list)  # (case, referral)
    # Agenda items, by index (id = index + 1), in meeting order
    items: list[tuple[int, int, int, int]] = field(default_factory=list)  # meeting, case, referral, position
    case_items: list[list[int]] = field(default_factory=list)
    bench_meeting: int = -1
    places_by_pk: dict[int, Place] = field(default_factory=dict)

    def is_held(self, meeting: int) -> bool:
        return self.meeting_time[meeting] < self.now


def _name(rng: random.Random, *, female: bool) -> tuple[str, str]:
    group: NameGroup = LATIN_GROUPS[_GROUP_DRAW.draw(rng)]
    given = rng.choice(group.female if female else group.male)
    tails = SURNAME_TAILS.get(group.key, ())
    entry = rng.choice(tails) if tails and rng.random() < 0.5 else rng.choice(group.surnames)
    male, _, female_form = entry.partition("|")
    return given, (female_form or male) if female else male


_GROUP_DRAW = Weighted([group.weight for group in LATIN_GROUPS])
_ETHNICITY_DRAW = Weighted([weight for _code, weight in ETHNICITIES])


def _address(rng: random.Random, town: str) -> tuple[str, str]:
    street = f"{rng.randint(1, 180)} {rng.choice(STREETS)} {rng.choice(STREET_KINDS)}"
    area = rng.choice(POSTCODE_AREAS)
    postcode = f"{area}{rng.randint(1, 19)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" + rng.choice(
        "ABDEFGHJLNPQRSTUWXYZ"
    )
    return f"{street}\n{town}", postcode


def _person(
    plan: Plan,
    rng: random.Random,
    place: Place,
    *,
    female: bool,
    born: dt.date | None,
    created: float,
    address: tuple[str, str],
    adult: bool = True,
) -> int:
    given, family = _name(rng, female=female)
    pk = len(plan.people) + 1
    plan.people.append(
        (
            pk,
            place.pk,
            given,
            family,
            _normalised(given, family),
            born,
            "female" if female else "male",
            ETHNICITIES[_ETHNICITY_DRAW.draw(rng)][0],
            ("heterosexual" if rng.random() < 0.8 else rng.choice(("gay_lesbian", "bisexual", "not_known")))
            if adult
            else "not_known",
            (rng.random() < 0.15) if adult and rng.random() < 0.8 else None,
            rng.choice(FIRST_LANGUAGES) if adult else "",
            adult and rng.random() < 0.04,
            f"07{rng.randrange(100_000_000, 999_999_999)}" if adult and rng.random() < 0.8 else "",
            (rng.random() < 0.85) if adult and rng.random() < 0.7 else None,
            address[0],
            address[1],
            rng.choice(SCHOOLS) if not adult else "",
            at(created),
        )
    )
    if adult and rng.random() < 0.05:
        other_given, other_family = _name(rng, female=female)
        alias = f"{given} {other_family}" if rng.random() < 0.7 else f"{other_given} {family}"
        plan.aliases.append((len(plan.aliases) + 1, pk, alias, _normalised(alias, "")))
    return pk


PERSON_COLUMNS = (
    "id",
    "locality_id",
    "given_name",
    "family_name",
    "normalised_name",
    "date_of_birth",
    "gender",
    "ethnicity",
    "sexual_orientation",
    "has_disability",
    "first_language",
    "interpreter_needed",
    "phone",
    "safe_to_call",
    "address",
    "postcode",
    "school",
    "created_at",
)


def _years_before(rng: random.Random, moment: float, low: int, high: int) -> dt.date:
    return local_date(moment - rng.uniform(low, high) * 365.25 * DAY)


def plan_meetings(plan: Plan, counts: dict[str, int]) -> None:
    """Regular meetings for each locality over the five years and the next five weeks, cadence by volume."""
    for place in plan.places:
        listed_a_year = counts["referrals"] * place.weight * 0.93 / YEARS
        place.cadence_days = min(28, max(3, round(365 * CASES_PER_MEETING / max(listed_a_year, 1))))
        day = local_date(plan.start) + dt.timedelta(days=place.pk % place.cadence_days)
        horizon = local_date(plan.now) + dt.timedelta(days=max(35, 2 * place.cadence_days + 1))
        while day <= horizon:
            moment = dt.datetime.combine(day, dt.time(10, 0), tzinfo=LONDON).timestamp()
            place.meetings.append(len(plan.meeting_time))
            place.meeting_times.append(moment)
            plan.meeting_place.append(place.pk)
            plan.meeting_time.append(moment)
            plan.meeting_items.append([])
            day += dt.timedelta(days=place.cadence_days)


def plan_cases(plan: Plan, counts: dict[str, int], rng: random.Random) -> None:
    """Cases with their victims, perpetrators, children, referrals (and assessments) and listings."""
    places = plan.places
    place_draw = Weighted([place.weight for place in places])
    case_count = counts["cases"]
    # Which cases are referred again, and how often: 30% of cases, the extra referrals shared among them.
    extras = [0] * case_count
    extra_total = counts["referrals"] - case_count
    if extra_total > 0:
        repeating = rng.sample(range(case_count), min(case_count, max(1, round(case_count * 0.3))))
        extra_draw = Weighted(EXTRA_REFERRALS)
        left = extra_total
        for index in itertools.cycle(repeating):
            if left <= 0:
                break
            add = min(extra_draw.draw(rng) + 1 if extras[index] == 0 else 1, left)
            extras[index] += add
            left -= add
    span = plan.now - plan.start
    referral_agencies = [kind for kind, *_ in AGENCIES]
    referral_draw = Weighted([weight for _kind, _name, weight, _actions in AGENCIES])
    children_draw = Weighted(CHILDREN_PER_CASE)
    for case in range(case_count):
        place = places[place_draw.draw(rng)]
        gaps = [rng.expovariate(1 / (150 * DAY)) + 20 * DAY for _ in range(extras[case])]
        if rng.random() < 0.1 and gaps:
            gaps[-1] += rng.uniform(300, 700) * DAY  # a later episode, after the repeat window
        needed = min(sum(gaps), span * 0.8)
        first = plan.start + rng.random() * (span - needed)
        times = [first]
        for gap in gaps:
            times.append(min(times[-1] + gap, plan.now - rng.random() * 2 * DAY))
        address = _address(rng, place.name)
        victim = _person(
            plan,
            rng,
            place,
            female=rng.random() < 0.92,
            born=_years_before(rng, first, 17, 70) if rng.random() < 0.97 else None,
            created=first,
            address=address,
        )
        if place.perpetrators and rng.random() < 0.1:
            perpetrator = rng.choice(place.perpetrators)  # a perpetrator with a victim in an earlier case
        else:
            perpetrator = _person(
                plan,
                rng,
                place,
                female=rng.random() < 0.07,
                born=_years_before(rng, first, 17, 70) if rng.random() < 0.92 else None,
                created=first,
                address=address if rng.random() < 0.5 else _address(rng, place.name),
            )
            place.perpetrators.append(perpetrator)
        children = [
            _person(
                plan,
                rng,
                place,
                female=rng.random() < 0.5,
                born=_years_before(rng, first, 0, 16),
                created=first,
                address=address,
                adult=False,
            )
            for _ in range(children_draw.draw(rng))
            if len(plan.people) < counts["people"] - 2
        ]
        plan.case_place.append(place.pk)
        plan.case_victim.append(victim)
        plan.case_perpetrator.append(perpetrator)
        plan.case_children.append(children)
        plan.case_idva.append(rng.random() < 0.92)
        plan.case_items.append([])
        place.cases.append(case)
        relationship = rng.choice(RELATIONSHIPS)
        plan.parties.append((len(plan.parties) + 1, case + 1, perpetrator, "perpetrator", relationship))
        for child in children:
            plan.parties.append((len(plan.parties) + 1, case + 1, child, "child", "Child"))
        referrals = []
        for position, moment in enumerate(times):
            referral = len(plan.ref_case)
            previous = referrals[-1] if referrals else -1
            plan.ref_case.append(case)
            plan.ref_time.append(moment)
            plan.ref_agency.append(referral_agencies[referral_draw.draw(rng)])
            repeat = previous >= 0 and moment - plan.ref_time[previous] <= 365 * DAY
            plan.ref_previous.append(previous if repeat else -1)
            score = min(24, max(0, int(rng.gauss(16 if rng.random() < 0.78 else 10, 2.5))))
            plan.ref_score.append(score)
            judged_high = score < 14 and rng.random() < 0.7
            plan.ref_level.append("high" if score >= 14 or judged_high else ("medium" if score >= 10 else "standard"))
            age = plan.now - moment
            if age < 3 * DAY:
                triage = "pending"
            elif age < 6 * DAY and rng.random() < 0.3:
                triage = "more_information"
            elif rng.random() < 0.04 and position == 0 and len(times) == 1:
                triage = "declined"
            else:
                triage = "listed"
            plan.ref_triage.append(triage)
            referrals.append(referral)
            if triage == "listed":
                _list(plan, place, case, referral, moment)
        plan.case_referrals.append(referrals)


def _list(plan: Plan, place: Place, case: int, referral: int, moment: float) -> None:
    """On the first meeting at least the lead time after the referral, unless the case is on it already."""
    slot = bisect.bisect_left(place.meeting_times, moment + LEAD_DAYS * DAY)
    if slot >= len(place.meetings):
        plan.ref_triage[referral] = "pending"
        return
    meeting = place.meetings[slot]
    if any(listed_case == case for listed_case, _ in plan.meeting_items[meeting]):
        return
    plan.meeting_items[meeting].append((case, referral))


def fix_bench_agenda(plan: Plan) -> None:
    """The largest locality's next meeting lists exactly AGENDA_SIZE cases: later ones move to the meeting after,
    and if too few were referred, cases heard before are listed again for review."""
    place = plan.places[0]
    upcoming = [meeting for meeting in place.meetings if not plan.is_held(meeting)]
    first, following = upcoming[0], upcoming[1]
    items = plan.meeting_items[first]
    while len(items) > AGENDA_SIZE:
        case, referral = items.pop()
        if all(listed != case for listed, _ in plan.meeting_items[following]):
            plan.meeting_items[following].append((case, referral))
    listed = {case for case, _ in items}
    for case in reversed(place.cases):
        if len(items) >= AGENDA_SIZE:
            break
        if case not in listed and plan.ref_triage[plan.case_referrals[case][-1]] == "listed":
            items.append((case, plan.case_referrals[case][-1]))
            listed.add(case)
    plan.bench_meeting = first


def number_items(plan: Plan) -> None:
    for meeting, listed in enumerate(plan.meeting_items):
        for position, (case, referral) in enumerate(listed, start=1):
            plan.case_items[case].append(len(plan.items))
            plan.items.append((meeting, case, referral, position))


def plan_all(*, seed: int, now: float) -> tuple[Plan, random.Random]:
    rng = random.Random(seed)
    names = locality_names()
    weights = locality_weights()
    places = [
        Place(pk=0, name=name, code="".join(word[0] for word in name.split()).upper() + f"{index:02d}", weight=weight)
        for index, (name, weight) in enumerate(zip(names, weights, strict=True))
    ]
    plan = Plan(now=now, start=now - YEARS * 365.25 * DAY, places=places)
    return plan, rng


# ------------------------------------------------------------------------------------------------------------------
# The small tables, through the ORM.


def create_localities(plan: Plan, rng: random.Random) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from marac.accounts.devices import AUTHENTICATOR_NAME
    from marac.agencies.models import Agency, Locality, Membership
    from marac.governance.models import Document, DocumentKind, DocumentVersion, Signature

    user_model = get_user_model()
    password = make_password(BENCH_PASSWORD)
    for place in plan.places:
        locality = Locality.objects.create(
            name=place.name,
            area=f"{place.name} and district",
            coordinator_email=f"marac@{place.name.lower().replace(' ', '-')}.example",
        )
        place.pk = locality.pk
        for kind, suffix, _referrals, _actions in AGENCIES:
            agency = Agency.objects.create(
                locality=locality,
                name=f"{place.name} {suffix}",
                agency_type=kind,
                sector="third" if kind in THIRD_SECTOR else "public",
                contact_name=f"{suffix} point of contact",
                contact_email=f"{kind.replace('_', '-')}@{place.name.lower().replace(' ', '-')}.example",
            )
            place.agencies[kind] = agency.pk
            place.agency_names[agency.pk] = agency.name
    wanted: list[tuple[Place, str, str, str]] = []  # place, agency type, role, username
    for place in plan.places:
        slug = place.name.lower().replace(" ", "-")
        for kind, *_ in AGENCIES:
            wanted.append((place, kind, "agency_rep", f"{slug}-{kind}-rep"))
            wanted.append((place, kind, "referrer", f"{slug}-{kind}-referrer"))
        for kind, role, count in EXTRA_STAFF:
            wanted.extend((place, kind, role, f"{slug}-{kind}-{role}-{number}") for number in range(2, count + 2))
    largest = plan.places[0]
    for client in range(1, BENCH_CLIENTS + 1):
        wanted.append((largest, "idva_service", "coordinator", BENCH_COORDINATOR.format(client)))
        wanted.append((largest, "police", "agency_rep", BENCH_POLICE.format(client)))
    users = user_model.objects.bulk_create(
        [
            user_model(
                username=username,
                first_name=_name(rng, female=rng.random() < 0.7)[0],
                last_name=_name(rng, female=False)[1],
                email=f"{username}@staff.example",
                password=password,
            )
            for _place, _kind, _role, username in wanted
        ]
    )
    memberships = []
    for user, (place, kind, role, username) in zip(users, wanted, strict=True):
        agency = place.agencies[kind]
        memberships.append(Membership(user=user, agency_id=agency, role=role))
        if not username.startswith("bench-"):
            place.staff.setdefault((kind, role), []).append(user.pk)
            place.members.append((user.pk, username, agency, place.agency_names[agency], role))
    Membership.objects.bulk_create(memberships)
    TOTPDevice.objects.bulk_create(
        [TOTPDevice(user=user, name=AUTHENTICATOR_NAME, confirmed=True) for user in users], batch_size=2000
    )
    published = at(plan.now - 400 * DAY)
    for place in plan.places:
        document = Document.objects.create(locality_id=place.pk, kind=DocumentKind.AGREEMENT)
        version = DocumentVersion.objects.create(
            document=document,
            label="1",
            text="Member agencies share what is needed to reduce risk to the people named.\n\nThey keep it restricted.",
            lawful_bases=["uk_gdpr_6_1_e", "uk_gdpr_9_2_g_safeguarding"],
            effective_on=published.date(),
            review_on=(published + dt.timedelta(days=730)).date(),
            published_at=published,
            published_by_id=place.staff[("idva_service", "locality_admin")][0],
        )
        Signature.objects.bulk_create(
            [
                Signature(
                    version=version,
                    agency_id=agency,
                    signed_by_id=place.user(rng, kind),
                    signed_at=published + dt.timedelta(days=rng.randint(1, 30)),
                    signer_name=f"Head of {kind.replace('_', ' ')}",
                    signer_role="Head of Service",
                )
                for kind, agency in place.agencies.items()
            ]
        )


# ------------------------------------------------------------------------------------------------------------------
# COPY


class Table:
    """One table's COPY: the columns the generator fills per row, then every other column at its model default.

    Refuses to start if a NOT NULL column without a default is left out, so a new model field cannot make the
    generator write NULLs."""

    def __init__(self, model, filled: Sequence[str]):
        fields = model._meta.local_concrete_fields
        known = {field.column for field in fields}
        unknown = set(filled) - known
        if unknown:
            raise ValueError(f"{model._meta.db_table} has no column {', '.join(sorted(unknown))}")
        rest = [field for field in fields if field.column not in filled]
        missing = [field.column for field in rest if field.get_default() is None and not field.null]
        if missing:
            raise ValueError(f"{model._meta.db_table}: NOT NULL columns the generator must fill: {missing}")
        self.name = model._meta.db_table
        self.columns = [*filled, *(field.column for field in rest)]
        self.constant = tuple(self._database_value(field.get_default()) for field in rest)

    @staticmethod
    def _database_value(value):
        return _json(value) if isinstance(value, dict | list) else value

    def copy(self, cursor, rows: Iterable[tuple]) -> int:
        count = 0
        constant = self.constant
        statement = f"COPY {self.name} ({', '.join(self.columns)}) FROM STDIN WITH (FREEZE)"
        with cursor.copy(statement) as copy:
            write = copy.write_row
            for row in rows:
                write(row + constant)
                count += 1
        return count


def set_aside_constraints(cursor, tables: Sequence[str]) -> tuple[list[str], list[str]]:
    """Drop the secondary indexes, unique and foreign-key constraints of the bulk tables; return the statements
    that make them again (constraints and indexes first, then foreign keys)."""
    cursor.execute(
        """
        SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
        FROM pg_constraint c
        WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('u', 'f')
        ORDER BY c.contype DESC, c.conname
        """,
        [list(tables)],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('u', 'p'))
        """,
        [list(tables)],
    )
    indexes = cursor.fetchall()
    build, references = [], []
    for table, name, kind, definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        statement = f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        (references if kind == "f" else build).append(statement)
    for name, definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
        build.append(definition)
    return build, references


def person_rows(plan: Plan) -> Iterator[tuple]:
    yield from plan.people


def case_rows(plan: Plan, rng: random.Random) -> Iterator[tuple]:
    now = plan.now
    review_days = {"high": 7, "medium": 30, "standard": 60}
    for case, place_pk in enumerate(plan.case_place):
        place = plan.places_by_pk[place_pk]
        referrals = plan.case_referrals[case]
        first, last = referrals[0], referrals[-1]
        items = plan.case_items[case]
        last_meeting = plan.items[items[-1]][0] if items else -1
        closed_at = None
        if plan.ref_triage[last] in ("pending", "more_information"):
            status = "referred"
        elif plan.ref_triage[last] == "declined":
            status, closed_at = "closed", plan.ref_time[last] + rng.uniform(2, 10) * DAY
        elif last_meeting < 0:
            status = "referred"
        elif not plan.is_held(last_meeting):
            status = "listed"
        else:
            heard = plan.meeting_time[last_meeting]
            draw = rng.random()
            if now - heard < 120 * DAY:
                status = "monitoring" if draw < 0.65 else "closed"
            else:
                status = "closed" if draw < 0.96 else ("transferred" if draw < 0.98 else "monitoring")
            if status in ("closed", "transferred"):
                closed_at = min(heard + rng.uniform(14, 60) * DAY, now - DAY)
        level = plan.ref_level[last]
        open_case = status not in ("closed", "transferred")
        review = plan.ref_time[last] + review_days[level] * DAY if open_case else None
        if review is not None and review < now - 60 * DAY:
            review = now + rng.uniform(-20, 40) * DAY  # reviewed since: the next review is near
        has_idva = plan.case_idva[case]
        yield (
            case + 1,
            place_pk,
            f"{place.code}-{local_date(plan.ref_time[first]).year}-{case + 1:06d}",
            plan.case_victim[case],
            status,
            place.agencies["idva_service"] if has_idva else None,
            place.user(rng, "idva_service", "idva") if has_idva and rng.random() < 0.9 else None,
            at(plan.ref_time[first]),
            at(plan.ref_time[last]),
            at(closed_at) if closed_at else None,
            level,
            at(review) if review else None,
        )


CASE_COLUMNS = (
    "id",
    "locality_id",
    "reference",
    "victim_id",
    "status",
    "idva_agency_id",
    "idva_id",
    "opened_at",
    "last_referred_at",
    "closed_at",
    "risk_level",
    "next_review_due",
)


def meeting_rows(plan: Plan, rng: random.Random) -> Iterator[tuple]:
    for meeting, moment in enumerate(plan.meeting_time):
        place = plan.places_by_pk[plan.meeting_place[meeting]]
        held = plan.is_held(meeting)
        yield (
            meeting + 1,
            place.pk,
            at(moment),
            "live",
            "marac",
            "closed" if held else "scheduled",
            f"{place.name} Civic Centre, Committee Room {1 + meeting % 3}",
            place.staff[("police", "chair")][0],
            at(moment - 2 * DAY),
            at(moment) if held else None,
            at(moment + rng.uniform(2.5, 4.5) * 3600) if held else None,
        )


MEETING_COLUMNS = (
    "id",
    "locality_id",
    "scheduled_for",
    "mode",
    "purpose",
    "status",
    "location",
    "chair_id",
    "research_deadline",
    "started_at",
    "closed_at",
)


def invited_rows(plan: Plan) -> Iterator[tuple]:
    number = 0
    for meeting, place_pk in enumerate(plan.meeting_place):
        for agency in plan.places_by_pk[place_pk].agencies.values():
            number += 1
            yield (number, meeting + 1, agency)


def circulation_rows(plan: Plan) -> Iterator[tuple]:
    number = 0
    for meeting, moment in enumerate(plan.meeting_time):
        if moment - LEAD_DAYS * DAY <= plan.now:
            number += 1
            place = plan.places_by_pk[plan.meeting_place[meeting]]
            yield (number, meeting + 1, at(moment - LEAD_DAYS * DAY), place.staff[("idva_service", "coordinator")][0])


def attendance_rows(plan: Plan, rng: random.Random) -> Iterator[tuple]:
    number = 0
    for meeting, place_pk in enumerate(plan.meeting_place):
        if not plan.is_held(meeting):
            continue
        for agency in plan.places_by_pk[place_pk].agencies.values():
            number += 1
            draw = rng.random()
            status = "present" if draw < 0.85 else ("apologies" if draw < 0.95 else "absent")
            yield (number, meeting + 1, agency, "Named representative", status, status != "present" and draw < 0.9)


def assessment_rows(plan: Plan, rng: random.Random, version, agency_users) -> Iterator[tuple]:
    items = [item["id"] for item in version.definition["items"]]
    review_days = {"high": 7, "medium": 30, "standard": 60}
    for referral, case in enumerate(plan.ref_case):
        place = plan.places_by_pk[plan.case_place[case]]
        score = plan.ref_score[referral]
        yes = set(rng.sample(items, score))
        answers = {}
        for item in items:
            answer = "yes" if item in yes else ("dont_know" if rng.random() < 0.08 else "no")
            answers[item] = {"answer": answer, "note": ""}
        computed = "high" if score >= 14 else ("medium" if score >= 10 else "standard")
        final = plan.ref_level[referral]
        judged = final != computed
        moment = plan.ref_time[referral] - rng.uniform(0.1, 2) * DAY
        kind = plan.ref_agency[referral]
        yield (
            referral + 1,
            case + 1,
            version.pk,
            version.code,
            version.version,
            _json(
                {
                    "safe_to_talk": "yes" if rng.random() < 0.8 else "not_present",
                    "safe_contact": "Mobile, texts only",
                    "perpetrator_whereabouts": "",
                    "children_whereabouts": "",
                }
            ),
            _json(answers),
            score,
            "three_level",
            computed,
            final if judged else "",
            rng.choice(JUDGEMENT_REASONS) if judged else "",
            final,
            agency_users(place, kind, rng),
            place.agencies[kind],
            at(moment),
            at(moment + review_days[final] * DAY),
        )


ASSESSMENT_COLUMNS = (
    "id",
    "case_id",
    "instrument_id",
    "instrument_code",
    "instrument_version",
    "safety",
    "answers",
    "score",
    "scale",
    "computed_level",
    "judgement_level",
    "judgement_reason",
    "final_level",
    "assessed_by_id",
    "agency_id",
    "assessed_at",
    "next_review_due",
)


def _referrer(place: Place, kind: str, rng: random.Random) -> int:
    return place.user(rng, kind, "referrer")


def _submitted(plan: Plan, case: int, moment: float) -> str:
    people = plan.people

    def described(pk: int, extra: dict) -> dict:
        row = people[pk - 1]
        born: dt.date | None = row[5]
        age = None
        if born is not None:
            on = local_date(moment)
            age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        return {
            "given_name": row[2],
            "family_name": row[3],
            "aliases": [],
            "date_of_birth": born.isoformat() if born else None,
            "age_at_referral": age,
            "person_id": pk,
            **extra,
        }

    victim = described(plan.case_victim[case], {"gender": "female", "address": people[plan.case_victim[case] - 1][14]})
    return _json(
        {
            "victim": victim,
            "perpetrators": [
                described(plan.case_perpetrator[case], {"gender": "male", "relationship_to_victim": "Partner"})
            ],
            "children": [described(child, {"school": ""}) for child in plan.case_children[case]],
        }
    )


def referral_rows(plan: Plan, rng: random.Random) -> Iterator[tuple]:
    for referral, case in enumerate(plan.ref_case):
        place = plan.places_by_pk[plan.case_place[case]]
        moment = plan.ref_time[referral]
        kind = plan.ref_agency[referral]
        score = plan.ref_score[referral]
        previous = plan.ref_previous[referral]
        consent_draw = rng.random()
        consent = "given" if consent_draw < 0.7 else ("not_sought" if consent_draw < 0.9 else "refused")
        triage = plan.ref_triage[referral]
        triaged = triage != "pending"
        judged = score < 14
        escalation = rng.random() < 0.08
        yield (
            referral + 1,
            case + 1,
            uuid.UUID(int=rng.getrandbits(128), version=4),
            place.agencies[kind],
            _referrer(place, kind, rng),
            at(moment),
            referral + 1,
            score >= 14,
            judged,
            rng.choice(JUDGEMENT_REASONS) if judged else "",
            escalation,
            rng.randint(3, 8) if escalation else rng.randint(0, 2),
            previous >= 0,
            previous + 1 if previous >= 0 else None,
            consent,
            rng.choice(CONSENT_REASONS) if consent != "given" else "",
            "Head of safeguarding" if consent != "given" else "",
            rng.choice(RISK_SUMMARIES),
            len(plan.case_children[case]),
            _submitted(plan, case, moment),
            triage,
            "Meets the criteria; list on the next meeting." if triage == "listed" else "",
            place.staff[("idva_service", "coordinator")][0] if triaged else None,
            at(moment + rng.uniform(0.2, 2.5) * DAY) if triaged else None,
        )


REFERRAL_COLUMNS = (
    "id",
    "case_id",
    "submission_token",
    "referring_agency_id",
    "referred_by_id",
    "referred_at",
    "assessment_id",
    "meets_visible_high_risk",
    "meets_professional_judgement",
    "professional_judgement_reasons",
    "meets_potential_escalation",
    "incidents_in_escalation_window",
    "is_repeat",
    "previous_referral_id",
    "consent",
    "sharing_without_consent_reason",
    "sharing_approved_by",
    "risk_summary",
    "children_in_household",
    "submitted_details",
    "triage_status",
    "triage_note",
    "triaged_by_id",
    "triaged_at",
)


def item_rows(plan: Plan, rng: random.Random) -> Iterator[tuple]:
    for number, (meeting, case, referral, position) in enumerate(plan.items, start=1):
        held = plan.is_held(meeting)
        moment = plan.meeting_time[meeting]
        started = moment + position * 12 * 60
        later_item = plan.case_items[case][-1] != number - 1
        outcome = ("monitoring" if later_item or rng.random() < 0.6 else "closed") if held else ""
        yield (
            number,
            meeting + 1,
            case + 1,
            referral + 1,
            position,
            rng.choice(DISCUSSIONS) if held else "",
            rng.choice(RISK_SUMMARIES) if held else "",
            outcome,
            at(started + 11 * 60) if held else None,
            at(started) if held else None,
            at(started + rng.uniform(6, 16) * 60) if held else None,
        )


ITEM_COLUMNS = (
    "id",
    "meeting_id",
    "case_id",
    "referral_id",
    "position",
    "discussion",
    "risk_summary",
    "outcome",
    "discussed_at",
    "discussion_started_at",
    "discussion_ended_at",
)


def research_rows(plan: Plan, rng: random.Random) -> Iterator[tuple]:
    number = 0
    for item, (meeting, _case, _referral, _position) in enumerate(plan.items, start=1):
        moment = plan.meeting_time[meeting]
        if moment - LEAD_DAYS * DAY > plan.now:
            continue  # not circulated yet: nobody has seen the case list
        share = 0.45 if plan.is_held(meeting) else 0.25
        place = plan.places_by_pk[plan.meeting_place[meeting]]
        for kind, agency in place.agencies.items():
            if kind == "other" or rng.random() >= share:
                continue
            submitted = moment - rng.uniform(2, LEAD_DAYS) * DAY
            if submitted > plan.now:
                continue
            number += 1
            known = rng.random() < 0.6
            author = place.user(rng, kind, "idva" if kind == "idva_service" else "agency_rep")
            yield (
                number,
                item,
                agency,
                "known" if known else "no_trace",
                rng.choice(RESEARCH_KNOWN) if known else "",
                author,
                at(submitted),
            )


def report_back_rows(plan: Plan, rng: random.Random) -> Iterator[tuple]:
    number = 0
    for meeting, case, _referral, _position in plan.items:
        if not plan.is_held(meeting) or not plan.case_idva[case]:
            continue
        place = plan.places_by_pk[plan.case_place[case]]
        moment = plan.meeting_time[meeting]
        number += 1
        done = plan.now - moment > 5 * DAY and rng.random() < 0.95
        told = moment + rng.uniform(0.2, 3) * DAY
        yield (
            number,
            case + 1,
            meeting + 1,
            place.agencies["idva_service"],
            local_date(moment + 2 * DAY),
            at(told) if done else None,
            place.user(rng, "idva_service", "idva") if done else None,
            "phone" if done else "",
            at(told) if done else None,
        )


def action_rows(plan: Plan, rng: random.Random, total: int, catalogue: dict[str, list[tuple[int, str]]]):
    """`total` actions over the items of meetings held, about seven an item, by owner agency type."""
    held = [item for item, (meeting, *_rest) in enumerate(plan.items) if plan.is_held(meeting)]
    per_item = [0] * len(plan.items)
    for item in rng.choices(held, k=total):
        per_item[item] += 1
    kinds = [kind for kind, *_ in AGENCIES]
    owner_draw = Weighted([weight for *_rest, weight in AGENCIES])
    today = local_date(plan.now)
    number = 0
    for item, count in enumerate(per_item):
        if not count:
            continue
        meeting, case, _referral, _position = plan.items[item]
        place = plan.places_by_pk[plan.case_place[case]]
        created = plan.meeting_time[meeting] + 4 * 3600
        created_by = place.staff[("idva_service", "coordinator")][0]
        for _ in range(count):
            number += 1
            kind = kinds[owner_draw.draw(rng)]
            entries = catalogue.get(kind)
            if entries and rng.random() < 0.6:
                catalogue_id, text = rng.choice(entries)
            else:
                catalogue_id, text = None, rng.choice(ACTION_TEXTS)
            due = local_date(created + rng.choice((14, 21, 28, 28, 28, 42)) * DAY)
            status = _action_status(rng.random(), (today - due).days)
            completed = None
            if status == "done":
                completed = at(min(created + rng.uniform(2, 45) * DAY, plan.now - 3600))
            yield (
                number,
                case + 1,
                item + 1,
                place.agencies[kind],
                catalogue_id,
                text,
                due,
                status,
                rng.choice(NOT_POSSIBLE_REASONS) if status == "not_possible" else "",
                created_by,
                at(created),
                completed,
            )


# (days past the due date at least, then cumulative shares of done, not possible, in progress; the rest are open)
ACTION_STATUS_BY_AGE = (
    (180, 0.92, 0.995, 0.998),  # long past: done or found not possible, a very few left behind
    (30, 0.80, 0.85, 0.94),
    (0, 0.55, 0.58, 0.83),
    (-10_000, 0.15, 0.15, 0.55),  # not due yet: some done early, most under way
)


def _action_status(draw: float, days_overdue: int) -> str:
    _days, done, not_possible, in_progress = next(row for row in ACTION_STATUS_BY_AGE if days_overdue >= row[0])
    if draw < done:
        return "done"
    if draw < not_possible:
        return "not_possible"
    return "in_progress" if draw < in_progress else "open"


ACTION_COLUMNS = (
    "id",
    "case_id",
    "agenda_item_id",
    "owner_agency_id",
    "catalogue_action_id",
    "text",
    "due_date",
    "status",
    "not_possible_reason",
    "created_by_id",
    "created_at",
    "completed_at",
)


def incident_rows(plan: Plan, rng: random.Random, total: int, first_free_person: int) -> Iterator[tuple]:
    """`total` incidents between couples: each case's victim and perpetrator, and people no case knows."""
    couples: list[tuple[int, int, int, float, float]] = []  # victim, perpetrator, place, from, to
    for case, place_pk in enumerate(plan.case_place):
        referrals = plan.case_referrals[case]
        begin = max(plan.start, plan.ref_time[referrals[0]] - 730 * DAY)
        couples.append((plan.case_victim[case], plan.case_perpetrator[case], place_pk, begin, plan.now))
    unknown = list(range(first_free_person, len(plan.people) + 1))
    for victim, perpetrator in zip(unknown[::2], unknown[1::2], strict=False):
        place_pk = plan.people[victim - 1][1]
        couples.append((victim, perpetrator, place_pk, plan.start, plan.now))
    # How often each couple comes to notice: lognormal, so most couples have a few incidents and a few have a hundred
    # or more (about 9 a couple on average over the five years at scale 1).
    couple_draw = Weighted([rng.lognormvariate(0, 0.8) for _ in couples])
    kinds = [kind for kind, _weight in INCIDENT_TYPES]
    kind_draw = Weighted([weight for _kind, weight in INCIDENT_TYPES])
    gravity_draw = Weighted(GRAVITY_WEIGHTS)
    source_draw = Weighted([75, 6, 3, 4, 1, 6, 2, 0, 2, 1, 0, 0])
    agency_kinds = [kind for kind, *_ in AGENCIES]
    now = at(plan.now)
    for number in range(1, total + 1):
        victim, perpetrator, place_pk, begin, end = couples[couple_draw.draw(rng)]
        place = plan.places_by_pk[place_pk]
        kind = kinds[kind_draw.draw(rng)]
        gravity = 4 if kind == "strangulation" else gravity_draw.draw(rng) + 1
        source = place.agencies[agency_kinds[source_draw.draw(rng)]]
        yield (
            number,
            place_pk,
            source,
            at(begin + rng.random() * (end - begin)),
            kind,
            gravity,
            victim,
            perpetrator,
            rng.choice((0, 0, 0, 1, 1, 2)),
            now,
        )


INCIDENT_COLUMNS = (
    "id",
    "locality_id",
    "source_agency_id",
    "occurred_at",
    "incident_type",
    "gravity",
    "victim_id",
    "perpetrator_id",
    "children_present",
    "recorded_at",
)


def audit_rows(plan: Plan, rng: random.Random, total: int, action_total: int) -> Iterator[tuple]:
    """`total` events in order of time over the five years, in working hours, with a valid hash chain."""
    from marac.audit.chain import GENESIS_HASH, event_hash

    place_draw = Weighted([place.weight for place in plan.places])
    kind_draw = Weighted([kind[3] for kind in AUDIT_KINDS])
    opened = {place.pk: [plan.ref_time[plan.case_referrals[case][0]] for case in place.cases] for place in plan.places}
    previous = GENESIS_HASH
    days = int((plan.now - plan.start) / DAY)
    per_day = total / days
    midnight = dt.datetime.fromtimestamp(plan.start, LONDON).replace(hour=0, minute=0, second=0, microsecond=0)
    number = 0
    for day in range(days + 1):
        if number >= total:
            break
        wanted = total - number if day == days else round(per_day * (day + 1)) - number
        base = (midnight + dt.timedelta(days=day)).timestamp()
        moments = sorted(base + min(max(rng.gauss(13, 2.6), 7), 21) * 3600 for _ in range(max(wanted, 0)))
        for moment in moments:
            if moment >= plan.now:
                moment = plan.now - rng.random() * 60
            number += 1
            place = plan.places[place_draw.draw(rng)]
            user, username, agency, agency_name, role = rng.choice(place.members)
            action, object_type, summary, _weight, about_case = AUDIT_KINDS[kind_draw.draw(rng)]
            case_pk = None
            if about_case:
                opened_before = bisect.bisect(opened[place.pk], moment)
                if opened_before:
                    case_pk = place.cases[rng.randrange(opened_before)] + 1
                else:
                    action, object_type, summary = "list", "", "Listed cases"
            if object_type == "referrals.case":
                object_id = str(case_pk) if case_pk else ""
            elif object_type == "auth.user":
                object_id = str(user)
            elif object_type:
                object_id = str(rng.randint(1, max(action_total, 1)))
            else:
                object_id = ""
            values = {
                "occurred_at": at(moment),
                "actor_id": user,
                "actor_username": username,
                "agency_id": agency,
                "agency_name": agency_name,
                "role": role,
                "action": action,
                "object_type": object_type if case_pk or not about_case else "",
                "object_id": object_id,
                "case_id": case_pk,
                "summary": summary,
                "detail": {},
                "ip_address": f"10.{place.pk % 250}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
                "request_id": f"{rng.getrandbits(128):032x}",
                "purpose": "case management" if case_pk else "",
                "previous_hash": previous,
            }
            digest = event_hash(values)
            yield (
                number,
                values["occurred_at"],
                user,
                username,
                agency,
                agency_name,
                role,
                action,
                values["object_type"],
                object_id,
                case_pk,
                summary,
                "{}",
                values["ip_address"],
                values["request_id"],
                values["purpose"],
                previous,
                digest,
            )
            previous = digest


AUDIT_COLUMNS = (
    "id",
    "occurred_at",
    "actor_id",
    "actor_username",
    "agency_id",
    "agency_name",
    "role",
    "action",
    "object_type",
    "object_id",
    "case_id",
    "summary",
    "detail",
    "ip_address",
    "request_id",
    "purpose",
    "previous_hash",
    "hash",
)


# ------------------------------------------------------------------------------------------------------------------


def describe(plan: Plan) -> None:
    """The shape of what was planned, to show the distributions are the intended ones."""
    referrals = len(plan.ref_case)
    repeats = sum(1 for previous in plan.ref_previous if previous >= 0)
    cases_again = sum(1 for referrals_of in plan.case_referrals if len(referrals_of) > 1)
    levels = {level: plan.ref_level.count(level) for level in ("high", "medium", "standard")}
    triage = {status: plan.ref_triage.count(status) for status in sorted(set(plan.ref_triage))}
    largest = plan.places[0]
    sizes = sorted((len(place.cases) for place in plan.places), reverse=True)
    items = len(plan.items)
    meetings_held = sum(1 for meeting in range(len(plan.meeting_time)) if plan.is_held(meeting))
    _say(
        f"  {len(plan.places)} localities, cases per locality {sizes[0]:,} (largest, {largest.name}) to "
        f"{sizes[-1]:,}; meetings every {largest.cadence_days} to "
        f"{max(place.cadence_days for place in plan.places)} days"
    )
    _say(
        f"  referrals {referrals:,}: repeats {repeats / referrals:.0%} of referrals, cases referred again "
        f"{cases_again / len(plan.case_place):.0%}; levels {levels}; triage {triage}"
    )
    _say(
        f"  meetings {len(plan.meeting_time):,} ({meetings_held:,} held), agenda items {items:,} "
        f"({items / max(meetings_held, 1):.1f} a meeting); the benchmark's agenda (meeting "
        f"{plan.bench_meeting + 1}) lists {len(plan.meeting_items[plan.bench_meeting])} cases"
    )


def summarise(connection) -> list[str]:
    """The distributions as loaded, read back from the database."""

    def shares(sql: str) -> str:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            rows = cursor.fetchall()
        total = sum(count for _value, count in rows) or 1
        return ", ".join(f"{value or 'none'} {count / total:.0%}" for value, count in rows)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY n), percentile_cont(0.99) WITHIN GROUP (ORDER BY n), "
            "MAX(n), COUNT(*) FROM (SELECT COUNT(*) AS n FROM incidents_incident GROUP BY victim_id) AS per_victim"
        )
        median, high, most, victims = cursor.fetchone()
        cursor.execute(
            "SELECT COUNT(*) FILTER (WHERE status IN ('open', 'in_progress') AND due_date < CURRENT_DATE), "
            "COUNT(*) FILTER (WHERE status IN ('open', 'in_progress')) FROM actions_action"
        )
        overdue, incomplete = cursor.fetchone()
    return [
        f"cases: {shares('SELECT status, COUNT(*) FROM referrals_case GROUP BY 1 ORDER BY 2 DESC')}",
        f"risk of the latest assessment: "
        f"{shares('SELECT risk_level, COUNT(*) FROM referrals_case GROUP BY 1 ORDER BY 2 DESC')}",
        "referrals: "
        + shares(
            "SELECT CASE WHEN is_repeat THEN 'repeats' ELSE 'first or after the repeat window' END, COUNT(*) "
            "FROM referrals_referral GROUP BY 1 ORDER BY 2 DESC"
        ),
        f"actions: {shares('SELECT status, COUNT(*) FROM actions_action GROUP BY 1 ORDER BY 2 DESC')}; "
        f"{overdue:,} of the {incomplete:,} not done are overdue",
        f"incidents per victim ({victims:,} victims): median {median:g}, 99th percentile {high:g}, most {most:,}",
    ]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the national volumes (1 = full)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    counts = scaled_counts(args.scale)

    url = _database_url()
    began = time.perf_counter()
    _say(f"Creating the benchmark database {urlsplit(url).path.lstrip('/')} and migrating it…")
    recreate_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marac.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()

    from marac.actions.models import CatalogueAction
    from marac.risk.registry import register_shipped_instruments

    now = time.time()
    plan, rng = plan_all(seed=args.seed, now=now)
    _say("Localities, agencies, staff, authenticator apps and signed agreements (ORM)…")
    create_localities(plan, rng)
    plan.places_by_pk = {place.pk: place for place in plan.places}
    instrument = next(version for version in register_shipped_instruments() if version.code == "dash-style-24")
    catalogue: dict[str, list[tuple[int, str]]] = {}
    for entry in CatalogueAction.objects.filter(is_active=True).order_by("pk"):
        catalogue.setdefault(entry.agency_type, []).append((entry.pk, entry.text))

    _say(f"Planning {counts['cases']:,} cases and their people, referrals and meetings (seed {args.seed})…")
    plan_meetings(plan, counts)
    plan_cases(plan, counts, rng)
    first_free_person = len(plan.people) + 1
    place_draw = Weighted([place.weight for place in plan.places])
    while len(plan.people) < counts["people"]:
        place = plan.places[place_draw.draw(rng)]
        moment = plan.start + rng.random() * (plan.now - plan.start)
        female = len(plan.people) % 2 == 0
        _person(
            plan,
            rng,
            place,
            female=female,
            born=_years_before(rng, moment, 17, 70) if rng.random() < 0.9 else None,
            created=moment,
            address=_address(rng, place.name),
        )
    fix_bench_agenda(plan)
    number_items(plan)
    describe(plan)
    planned = time.perf_counter()

    from marac.actions.models import Action
    from marac.audit.models import AuditEvent
    from marac.circulation.models import Circulation
    from marac.idva.models import ReportBack
    from marac.incidents.models import Incident
    from marac.meetings.models import AgendaItem, Attendance, Meeting, Research
    from marac.people.models import Alias, Person
    from marac.referrals.models import Case, CaseParty, Referral
    from marac.risk.models import Assessment

    through = Meeting.invited_agencies.through
    steps = [
        ("people", Table(Person, PERSON_COLUMNS), lambda: person_rows(plan)),
        ("aliases", Table(Alias, ("id", "person_id", "name", "normalised_name")), lambda: iter(plan.aliases)),
        ("cases", Table(Case, CASE_COLUMNS), lambda: case_rows(plan, random.Random(args.seed + 1))),
        (
            "case parties",
            Table(CaseParty, ("id", "case_id", "person_id", "role", "relationship_to_victim")),
            lambda: iter(plan.parties),
        ),
        ("meetings", Table(Meeting, MEETING_COLUMNS), lambda: meeting_rows(plan, random.Random(args.seed + 2))),
        ("invitations", Table(through, ("id", "meeting_id", "agency_id")), lambda: invited_rows(plan)),
        (
            "circulations",
            Table(Circulation, ("id", "meeting_id", "circulated_at", "circulated_by_id")),
            lambda: circulation_rows(plan),
        ),
        (
            "attendance",
            Table(Attendance, ("id", "meeting_id", "agency_id", "attendee_name", "status", "information_sent")),
            lambda: attendance_rows(plan, random.Random(args.seed + 3)),
        ),
        (
            "assessments",
            Table(Assessment, ASSESSMENT_COLUMNS),
            lambda: assessment_rows(plan, random.Random(args.seed + 4), instrument, _referrer),
        ),
        ("referrals", Table(Referral, REFERRAL_COLUMNS), lambda: referral_rows(plan, random.Random(args.seed + 5))),
        ("agenda items", Table(AgendaItem, ITEM_COLUMNS), lambda: item_rows(plan, random.Random(args.seed + 6))),
        (
            "research",
            Table(
                Research, ("id", "agenda_item_id", "agency_id", "finding", "details", "submitted_by_id", "submitted_at")
            ),
            lambda: research_rows(plan, random.Random(args.seed + 7)),
        ),
        (
            "report-backs",
            Table(
                ReportBack,
                (
                    "id",
                    "case_id",
                    "meeting_id",
                    "agency_id",
                    "due_date",
                    "completed_at",
                    "completed_by_id",
                    "method",
                    "victim_told_at",
                ),
            ),
            lambda: report_back_rows(plan, random.Random(args.seed + 8)),
        ),
        (
            "actions",
            Table(Action, ACTION_COLUMNS),
            lambda: action_rows(plan, random.Random(args.seed + 9), counts["actions"], catalogue),
        ),
        (
            "incidents",
            Table(Incident, INCIDENT_COLUMNS),
            lambda: incident_rows(plan, random.Random(args.seed + 10), counts["incidents"], first_free_person),
        ),
        (
            "audit events",
            Table(AuditEvent, AUDIT_COLUMNS),
            lambda: audit_rows(plan, random.Random(args.seed + 11), counts["audit_events"], counts["actions"]),
        ),
    ]
    tables = [step[1].name for step in steps]
    written: dict[str, int] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.cursor
        raw.execute("SELECT pg_backend_pid()")
        backend = raw.fetchone()[0]
        python_before, backend_before = time.process_time(), _cpu_seconds(backend)
        raw.execute("SET LOCAL synchronous_commit = off")
        raw.execute("SET LOCAL maintenance_work_mem = '512MB'")
        build, references = set_aside_constraints(raw, tables)
        raw.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        for label, table, rows in steps:
            step_began = time.perf_counter()
            written[label] = table.copy(raw, rows())
            _say(f"  COPY {written[label]:>10,} {label:<14} {time.perf_counter() - step_began:6.1f}s")
        copied = time.perf_counter()
        _say(f"Building {len(build)} indexes and unique constraints…")
        for statement in build:
            raw.execute(statement)
        indexed = time.perf_counter()
        _say(f"  {indexed - copied:.1f}s. Adding back {len(references)} foreign keys (each checks every row)…")
        for statement in references:
            raw.execute(statement)
        for table in tables:
            raw.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT MAX(id) FROM {table}), 1))"
            )
        checked = time.perf_counter()
        python_cpu = time.process_time() - python_before
        backend_after = _cpu_seconds(backend)
        backend_cpu = backend_after - backend_before if backend_before is not None and backend_after else None
    _say(f"  {checked - indexed:.1f}s. ANALYZE…")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    done = time.perf_counter()

    shape = summarise(connection)
    print(f"National data set: scale {args.scale:g}, seed {args.seed}, PostgreSQL {connection.pg_version // 10000}")
    for label in ("people", "cases", "referrals", "actions", "incidents", "audit events"):
        print(f"  {label:<13} {written[label]:>10,}")
    others = ", ".join(
        f"{label} {written[label]:,}"
        for label in written
        if label not in ("people", "cases", "referrals", "actions", "incidents", "audit events")
    )
    print(f"  and {others}")
    print(
        f"  times: migrate {migrated - began:.1f}s, plan {planned - migrated:.1f}s, COPY {copied - planned:.1f}s, "
        f"indexes {indexed - copied:.1f}s, foreign keys {checked - indexed:.1f}s, ANALYZE {done - checked:.1f}s; "
        f"total {done - began:.1f}s (target at scale 1: under 600s)"
    )
    for line in shape:
        print(f"  {line}")
    database = f"{backend_cpu:.1f}s" if backend_cpu is not None else "not measured"
    print(
        f"  CPU of the load (COPY, indexes, foreign keys): Python {python_cpu:.1f}s generating rows, PostgreSQL "
        f"backend {database} (parallel index builders not counted); load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores when it finished"
    )
    connection.close()


if __name__ == "__main__":
    main()
