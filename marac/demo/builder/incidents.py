"""Incidents recorded by the demo locality's agencies, so that cases show their history and the MATAC ranking
shows serial perpetrators.

Every case has the incident that led to each of its referrals, recorded a few days before it by the referring
agency (or the police when that agency records no incidents), and some have earlier ones. Six men are serial
perpetrators under the default RFGV settings (16 or over, 2 or more victims in 36 months):

- the two the cases already share (each abused the victims of two cases);
- three case perpetrators who also abused one, two or three former partners, known to agencies from incidents
  only (no case of their own): two, three and four victims in all;
- one man known only from incidents against two women, with no date of birth recorded (the ranking marks him).

One more case perpetrator abused a former partner 40 to 46 months ago, outside the window: not serial.

Incidents draw on their own random generator, so adding them left every other story of the demo as it was. Call
`build_incidents` after `save_referrals` (it needs the saved people and each referral's date).
"""

import datetime as dt
import random

from django.utils import timezone

from marac.demo import data
from marac.demo.builder.state import CaseSpec, Demo
from marac.incidents.models import Gravity, Incident, IncidentType
from marac.people.models import Gender, Person
from marac.people.normalise import normalise_name

DAY = dt.timedelta(days=1)
# Who records incidents, in proportion: most come from the police.
SOURCES = {
    "police": 55,
    "health": 10,
    "housing": 8,
    "idva": 8,
    "childrens": 6,
    "probation": 4,
    "mental_health": 3,
    "adults": 3,
    "education": 3,
}
# (type, weight, gravities, summaries). Summaries use {v} and {p}, the victim's and perpetrator's given names.
KINDS: list[tuple[str, int, tuple[int, ...], tuple[str, ...]]] = [
    (
        IncidentType.PHYSICAL,
        26,
        (Gravity.MODERATE, Gravity.MODERATE, Gravity.SERIOUS),
        (
            "Police called by a neighbour: {p} had punched {v} in the face during an argument about money.",
            "{v} came to the emergency department with bruised ribs and said {p} had kicked {v} on the floor.",
            "{p} pushed {v} down the stairs after {v} asked {p} to leave; officers saw a cut to the head.",
        ),
    ),
    (
        IncidentType.STRANGULATION,
        6,
        (Gravity.LIFE_THREATENING,),
        ("{p} held {v} by the throat against the wall until {v} could not breathe; marks seen by officers.",),
    ),
    (
        IncidentType.THREATS,
        14,
        (Gravity.MODERATE, Gravity.SERIOUS),
        (
            "{p} sent {v} messages saying {v} would not live to see the new year.",
            "{p} stood in the kitchen holding a knife and said {v} would regret calling the police.",
        ),
    ),
    (
        IncidentType.STALKING,
        10,
        (Gravity.MINOR, Gravity.MODERATE),
        ("{p} waited outside {v}'s workplace on three evenings and followed {v} home.",),
    ),
    (
        IncidentType.COERCIVE_CONTROL,
        10,
        (Gravity.MODERATE,),
        ("{v} disclosed that {p} keeps the bank cards, checks {v}'s phone every night and decides who {v} sees.",),
    ),
    (
        IncidentType.CRIMINAL_DAMAGE,
        7,
        (Gravity.MINOR, Gravity.MODERATE),
        ("{p} smashed the front window after {v} refused to open the door.",),
    ),
    (
        IncidentType.BREACH,
        6,
        (Gravity.MODERATE,),
        ("{p} came to {v}'s address in breach of bail conditions and was arrested at the scene.",),
    ),
    (
        IncidentType.UNWANTED_CONTACT,
        8,
        (Gravity.MINOR,),
        ("Dozens of calls and messages from {p} after {v} asked for no contact.",),
    ),
    (
        IncidentType.VERBAL,
        8,
        (Gravity.MINOR,),
        ("Shouting and name-calling heard by neighbours; {v} said {p} had been drinking all afternoon.",),
    ),
    (
        IncidentType.SEXUAL,
        3,
        (Gravity.SERIOUS,),
        ("{v} told {v}'s support worker that {p} forced sex on {v} after a night out.",),
    ),
    (
        IncidentType.DISPUTE,
        2,
        (Gravity.MINOR,),
        ("Argument at the contact handover; {p} refused to return the children's belongings to {v}.",),
    ),
]
# Extra victims for three case perpetrators (former partners known from incidents only), and the near miss.
FORMER_PARTNERS = (1, 2, 3)
NEAR_MISS_MONTHS = (40, 46)


class _Recorder:
    """Incidents and the people made for them, with their own random generator and the demo's clock."""

    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        self.rng = random.Random(data.SEED + 7)
        self.incidents: list[Incident] = []
        self.people: list[Person] = []
        self.references: dict[str, int] = {}

    def moment(self, start: dt.datetime, end: dt.datetime) -> dt.datetime:
        end = min(end, self.demo.now - dt.timedelta(hours=1))
        start = min(start, end)
        seconds = int((end - start).total_seconds())
        return (start + dt.timedelta(seconds=self.rng.randint(0, seconds))).replace(second=0, microsecond=0)

    def months_ago(self, earliest: int, latest: int) -> dt.datetime:
        now = self.demo.now
        return self.moment(now - dt.timedelta(days=30.4 * latest), now - dt.timedelta(days=30.4 * earliest))

    def source(self, preferred: str = "") -> str:
        if preferred in SOURCES:
            return preferred
        return self.rng.choices(list(SOURCES), weights=list(SOURCES.values()))[0]

    def record(
        self, *, victim: Person, perpetrator: Person, when: dt.datetime, source: str, kind: str | None = None
    ) -> None:
        entry = (
            next(row for row in KINDS if row[0] == kind)
            if kind
            else self.rng.choices(KINDS, weights=[row[1] for row in KINDS])[0]
        )
        incident_type, _weight, gravities, summaries = entry
        agency = self.demo.agencies[source]
        recorded_at = min(when + dt.timedelta(hours=self.rng.randint(1, 48)), self.demo.now)
        reference = ""
        if source == "police":
            # The police force's own crime reference, unique per agency as the model requires.
            year = timezone.localtime(when).year
            self.references[str(year)] = self.references.get(str(year), 0) + 1
            reference = f"RVP-{year}-{self.references[str(year)]:05d}"
        self.incidents.append(
            Incident(
                locality=self.demo.locality,
                source_agency=agency,
                source_reference=reference,
                occurred_at=when,
                incident_type=incident_type,
                gravity=self.rng.choice(gravities),
                victim=victim,
                perpetrator=perpetrator,
                children_present=self.rng.choice((0, 0, 0, 1, 2)),
                summary=self.rng.choice(summaries).format(v=victim.given_name, p=perpetrator.given_name),
                recorded_by=self.demo.voice(source),
                recorded_at=recorded_at,
            )
        )

    def person(self, *, gender: str, age: int | None, background: data.Background) -> Person:
        given = self.rng.choice(background.male if gender == Gender.MALE else background.female)
        male_form, female_form = self.rng.choice(background.family)
        family = male_form if gender == Gender.MALE else female_form
        born = None
        if age is not None:
            born = self.demo.today - dt.timedelta(days=365 * age + self.rng.randint(20, 340))
        person = Person(
            locality=self.demo.locality,
            given_name=given,
            family_name=family,
            normalised_name=normalise_name(given, family),
            date_of_birth=born,
            gender=gender,
            ethnicity=background.ethnicity,
        )
        self.people.append(person)
        return person


def _case_incidents(recorder: _Recorder, spec: CaseSpec) -> None:
    """The incident behind each referral, a few days before it, and up to three earlier ones."""
    perpetrator = spec.perpetrators[0][0]
    first = min(stage.referred_at for stage in spec.stages)
    for stage in spec.stages:
        when = recorder.moment(stage.referred_at - 12 * DAY, stage.referred_at - DAY)
        source = recorder.source(stage.agency_key)
        recorder.record(victim=spec.victim, perpetrator=perpetrator, when=when, source=source)
    for _ in range(recorder.rng.choice((0, 1, 1, 2, 3))):
        when = recorder.moment(first - 700 * DAY, first - 20 * DAY)
        recorder.record(victim=spec.victim, perpetrator=perpetrator, when=when, source=recorder.source())
    if "honour" in spec.facts and len(spec.perpetrators) > 1:
        brother = spec.perpetrators[1][0]
        when = recorder.moment(first - 60 * DAY, first - 2 * DAY)
        recorder.record(victim=spec.victim, perpetrator=brother, when=when, source="police", kind=IncidentType.THREATS)


def _former_partners(recorder: _Recorder, perpetrator: Person, background: data.Background, count: int) -> None:
    """Women he abused before his partner of today, each known from one to three incidents in the last 34 months."""
    for _ in range(count):
        partner = recorder.person(gender=Gender.FEMALE, age=recorder.rng.randint(22, 48), background=background)
        for _incident in range(recorder.rng.randint(1, 3)):
            recorder.record(
                victim=partner, perpetrator=perpetrator, when=recorder.months_ago(4, 34), source=recorder.source()
            )


def _plain(spec: CaseSpec) -> bool:
    return not spec.facts & {"female_perp", "young", "honour", "serial_perpetrator"}


def build_incidents(demo: Demo) -> None:
    recorder = _Recorder(demo)
    for spec in demo.specs:
        _case_incidents(recorder, spec)

    plain = [spec for spec in demo.specs if _plain(spec)]
    chosen = recorder.rng.sample(plain, len(FORMER_PARTNERS) + 1)
    for spec, count in zip(chosen, FORMER_PARTNERS, strict=False):
        _former_partners(recorder, spec.perpetrators[0][0], spec.background, count)
    near_miss = chosen[-1]
    former = recorder.person(gender=Gender.FEMALE, age=recorder.rng.randint(25, 45), background=near_miss.background)
    recorder.record(
        victim=former,
        perpetrator=near_miss.perpetrators[0][0],
        when=recorder.months_ago(*NEAR_MISS_MONTHS),
        source="police",
        kind=IncidentType.PHYSICAL,
    )

    # Known to the police and housing only from incidents, with no date of birth on record.
    background = recorder.rng.choice(data.BACKGROUNDS)
    stranger = recorder.person(gender=Gender.MALE, age=None, background=background)
    for months in ((2, 6), (8, 14)):
        victim = recorder.person(gender=Gender.FEMALE, age=recorder.rng.randint(20, 40), background=background)
        for source in ("police", "housing"):
            recorder.record(victim=victim, perpetrator=stranger, when=recorder.months_ago(*months), source=source)

    Person.objects.bulk_create(recorder.people)
    Incident.objects.bulk_create(recorder.incidents)
    demo.counts["people"] = demo.counts.get("people", 0) + len(recorder.people)
    demo.counts["incidents"] = len(recorder.incidents)
