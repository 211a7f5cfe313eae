"""What the demo builder carries from step to step, and the seeded randomness every step draws on."""

import datetime as dt
import random
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth import get_user_model
from django.utils import timezone

from marac.agencies.models import Agency, Locality
from marac.demo import data
from marac.meetings.models import AgendaItem, Meeting
from marac.people.models import Gender, Person
from marac.referrals.models import Case, Referral
from marac.risk.engine.definition import Instrument
from marac.risk.models import InstrumentVersion
from marac.risk.registry import current_version, instrument_of

User = get_user_model()

HELD = ("A", "B")  # the two past meetings, both closed
LISTED_ON = ("A", "B", "C", "E")  # A and B closed, C scheduled, E an emergency meeting in progress now


class DemoConflict(Exception):
    """The demo cannot be built without touching data that is not the demo's."""


@dataclass
class Stage:
    """One referral of a case: where it went (a meeting, or a triage decision) and the rows made for it."""

    kind: str  # A, B, C, E, pending, more_info or declined
    outcome: str = ""  # for a closed meeting: monitoring or closed
    referral: Referral | None = None
    referred_at: dt.datetime | None = None
    triaged_at: dt.datetime | None = None
    agency_key: str = ""
    item: AgendaItem | None = None


@dataclass
class CaseSpec:
    """One victim's case while it is being invented."""

    stages: list[Stage]
    transferred: bool
    background: data.Background
    victim: Person
    facts: set[str]  # what texts may rely on: see data.INCIDENTS
    perpetrators: list[tuple[Person, str]] = field(default_factory=list)
    children: list[Person] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)  # names and pronouns for the texts
    idva_key: str = ""
    idva_username: str = ""
    case: Case | None = None

    @property
    def listed_stages(self) -> list[Stage]:
        return [stage for stage in self.stages if stage.kind in LISTED_ON]

    @property
    def journey(self) -> tuple[str, ...]:
        return tuple(f"{stage.kind}:{stage.outcome}" if stage.outcome else stage.kind for stage in self.stages)


def pronouns(gender: str, prefix: str) -> dict[str, str]:
    subject, obj, possessive, reflexive = (
        ("he", "him", "his", "himself") if gender == Gender.MALE else ("she", "her", "her", "herself")
    )
    return {
        f"{prefix}s": subject,
        f"{prefix}o": obj,
        f"{prefix}p": possessive,
        f"{prefix}self": reflexive,
        f"{prefix}s_cap": subject.capitalize(),
        f"{prefix}p_cap": possessive.capitalize(),
    }


class Demo:
    """The locality being built, and one random generator so that every run invents the same story."""

    def __init__(self, *, now: dt.datetime, seed: int = data.SEED):
        self.rng = random.Random(seed)
        self.now = now
        self.today = timezone.localdate(now)
        # The safety questions draw on their own generator, so that adding them left every story as it was.
        self.risk_rng = random.Random(seed + 1)
        self.locality: Locality | None = None
        self.agencies: dict[str, Agency] = {}
        self.users: dict[str, User] = {}
        self.meetings: dict[str, Meeting] = {}
        self.specs: list[CaseSpec] = []
        self.aliases: dict[int, list[str]] = {}  # by id() of a person not yet saved
        self.counts: dict[str, int] = {}

    @cached_property
    def instrument_version(self) -> InstrumentVersion:
        """The locality's referral instrument in force: every checklist in the demo is completed with it."""
        return current_version(locality=self.locality, code=self.locality.referral_instrument_code)

    @cached_property
    def instrument(self) -> Instrument:
        return instrument_of(self.instrument_version)

    def voice(self, agency_key: str) -> User:
        """The person who speaks for an agency: posts its research, attends, updates its actions."""
        return self.users[data.AGENCY_VOICE[agency_key]]

    def agency_key(self, agency: Agency) -> str:
        return next(key for key, candidate in self.agencies.items() if candidate.pk == agency.pk)

    def moment(self, start: dt.datetime, end: dt.datetime) -> dt.datetime:
        """A random minute between two moments, and never later than a few minutes ago."""
        end = min(end, self.now - dt.timedelta(minutes=5))
        start = min(start, end)
        seconds = int((end - start).total_seconds())
        return (start + dt.timedelta(seconds=self.rng.randint(0, seconds))).replace(second=0, microsecond=0)

    def working_moment(self, start: dt.datetime, end: dt.datetime) -> dt.datetime:
        """Like `moment`, but in office hours where the window allows: practitioners record their work by day."""
        drawn = self.moment(start, end)
        if 9 <= timezone.localtime(drawn).hour < 17:
            return drawn
        latest = min(end, self.now - dt.timedelta(minutes=5))
        day = timezone.localdate(drawn)
        for offset in (0, 1, -1):
            candidate = self.office_moment(day + dt.timedelta(days=offset))
            if start <= candidate <= latest:
                return candidate
        return drawn

    def local(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))

    def office_moment(self, day: dt.date) -> dt.datetime:
        return self.local(day, self.rng.randint(9, 16), self.rng.choice((0, 10, 15, 20, 30, 40, 45, 50)))

    def fill(self, text: str, spec: CaseSpec, **extra: str) -> str:
        return text.format_map({**spec.words, **extra})

    def pick(self, entries, spec: CaseSpec):
        """One entry whose required facts (its last element) all hold for the case; fitted ones are preferred."""
        fitting = [entry for entry in entries if set(entry[-1]) <= spec.facts]
        special = [entry for entry in fitting if entry[-1]]
        return self.rng.choice(special if special and self.rng.random() < 0.6 else fitting)
