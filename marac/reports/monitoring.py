"""EIGE step 7 monitoring counted from the data for the twelve months ending with a quarter: repeat victims and
repeat perpetrators, how the period's referrals progressed or dropped out, and outcomes by equality group.

Two queries whatever the data: the period's referrals, one row each with what happened to it (counted in Python for
the victims, the progression and the groups, so that the three agree), and the perpetrators grouped in SQL.
Internal calculations over the whole locality, not scoped by the access policy: the page checks `report.view`,
audits the read and suppresses for whoever lacks `report.cases`.
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.actions.models import INCOMPLETE_STATUSES, Action
from marac.agencies.models import Locality
from marac.idva.models import ReportBack, VictimContact
from marac.meetings.models import AgendaItem, MeetingPurpose
from marac.people.models import Ethnicity, Gender, SexualOrientation
from marac.referrals.models import CaseParty, PartyRole, Referral, TriageStatus
from marac.reports.calculation import HELD
from marac.reports.quarters import Quarter


@dataclass(frozen=True)
class Period:
    """Four quarters, the last one named: 2026-Q3 is October 2025 to September 2026, local time."""

    first: Quarter
    last: Quarter

    @classmethod
    def ending(cls, last: Quarter) -> "Period":
        return cls(last.year_ending()[0], last)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        return self.first.bounds()[0], self.last.bounds()[1]

    def quarters(self) -> list[Quarter]:
        return self.last.year_ending()

    def __str__(self) -> str:
        """ "October 2025 to September 2026", in the active language."""
        return gettext("%(first_month)s %(first_year)s to %(last_month)s %(last_year)s") % {
            "first_month": MONTHS[self.first.first_day.month],
            "first_year": self.first.year,
            "last_month": MONTHS[self.last.last_day.month],
            "last_year": self.last.year,
        }


# The stages of progression in order, each a subset of the one before; and the reasons a referral stops between a
# stage and the next (the triage step has two).
STAGES = ("received", "triaged", "listed", "heard", "actions", "finished", "told")
LOSSES = {
    "received": ("awaiting_triage",),
    "triaged": ("declined", "more_information"),
    "listed": ("not_heard",),
    "heard": ("no_action",),
    "actions": ("actions_open",),
    "finished": ("not_told",),
}

# The outcomes counted for each equality group, after the victims themselves.
OUTCOMES = ("heard", "repeat", "told", "contacted")

AGE_BANDS = (
    ("under_16", _("Under 16"), None, 15),
    ("16_17", _("16 to 17"), 16, 17),
    ("18_24", _("18 to 24"), 18, 24),
    ("25_34", _("25 to 34"), 25, 34),
    ("35_44", _("35 to 44"), 35, 44),
    ("45_54", _("45 to 54"), 45, 54),
    ("55_64", _("55 to 64"), 55, 64),
    ("65_over", _("65 or over"), 65, None),
)
NOT_KNOWN = ("not_known", _("Not known"))
NOT_RECORDED = ("not_recorded", _("Not recorded"))


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    counts: dict[str, int]  # "victims" and each of OUTCOMES


@dataclass(frozen=True)
class Dimension:
    key: str
    groups: list[Group]  # add up to the total victims, column by column
    free_text: bool  # groups named by what was typed, not by a fixed list


@dataclass(frozen=True)
class RawMonitoring:
    period: Period
    victims: dict[str, int]  # "victims", "with_repeat", "referred_more_than_once"
    perpetrators: dict[str, int]  # "perpetrators", "several_victims", "several_referrals"
    progression: dict[str, int]  # each of STAGES and each loss of LOSSES
    outcome_total: dict[str, int]  # "victims" and each of OUTCOMES over every victim
    dimensions: list[Dimension]


def _period_referrals(locality: Locality, period: Period) -> QuerySet[Referral]:
    start, end = period.bounds()
    return Referral.objects.filter(case__locality=locality, referred_at__gte=start, referred_at__lt=end)


# A hearing: the referral on the agenda of a MARAC meeting that has started or closed (MATAC meetings hear
# perpetrators, and a meeting still only scheduled heard nothing).
_HEARD = {"meeting__purpose": MeetingPurpose.MARAC, "meeting__status__in": HELD}
_AGREED_AT_HEARING = {"agenda_item__meeting__purpose": MeetingPurpose.MARAC, "agenda_item__meeting__status__in": HELD}
_VICTIM_FIELDS = (
    "ethnicity",
    "has_disability",
    "date_of_birth",
    "religion",
    "migration_status",
    "sexual_orientation",
    "gender",
)
# Each outcome of a victim, and the flag of a row that gives it to her when any of her referrals has it.
_OUTCOME_FLAGS = {"heard": "heard", "repeat": "is_repeat", "told": "told", "contacted": "contacted"}


def _referral_rows(locality: Locality, period: Period) -> list[dict]:
    """One row per referral of the period: its triage, whether it was heard, whether actions were agreed there and
    are still open, whether the victim was told, whether she had a successful IDVA contact in the period, and her
    current equality fields."""
    start, end = period.bounds()
    agreed = Action.objects.filter(agenda_item__referral=OuterRef("pk"), **_AGREED_AT_HEARING)
    told = ReportBack.objects.filter(
        case=OuterRef("case"),
        completed_at__isnull=False,
        meeting__agenda_items__referral=OuterRef("pk"),
        **_HEARD,
    )
    contacted = VictimContact.objects.filter(
        case__locality=locality,
        case__victim=OuterRef("case__victim"),
        successful=True,
        contacted_at__gte=start,
        contacted_at__lt=end,
    )
    return list(
        _period_referrals(locality, period)
        .annotate(
            heard=Exists(AgendaItem.objects.filter(referral=OuterRef("pk"), **_HEARD)),
            has_actions=Exists(agreed),
            has_open_actions=Exists(agreed.filter(status__in=INCOMPLETE_STATUSES)),
            told=Exists(told),
            contacted=Exists(contacted),
        )
        .values(
            "case__victim_id",
            "referred_at",
            "is_repeat",
            "triage_status",
            "heard",
            "has_actions",
            "has_open_actions",
            "told",
            "contacted",
            *(f"case__victim__{name}" for name in _VICTIM_FIELDS),
        )
        .order_by("referred_at", "pk")
    )


def _progression(rows: list[dict]) -> dict[str, int]:
    """Each referral goes as far as it went; a stage needs every stage before it."""
    counts = Counter()
    for row in rows:
        counts["received"] += 1
        status = row["triage_status"]
        if status == TriageStatus.PENDING:
            counts["awaiting_triage"] += 1
            continue
        counts["triaged"] += 1
        if status != TriageStatus.LISTED:
            counts["declined" if status == TriageStatus.DECLINED else "more_information"] += 1
            continue
        counts["listed"] += 1
        steps = (
            ("heard", row["heard"], "not_heard"),
            ("actions", row["has_actions"], "no_action"),
            ("finished", not row["has_open_actions"], "actions_open"),
            ("told", row["told"], "not_told"),
        )
        for stage, reached, loss in steps:
            if not reached:
                counts[loss] += 1
                break
            counts[stage] += 1
    return {key: counts[key] for key in (*STAGES, *(loss for losses in LOSSES.values() for loss in losses))}


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _age_band(born: dt.date | None, referred_at: dt.datetime) -> str:
    """The band of her age on the (local) day of the referral."""
    if born is None:
        return NOT_KNOWN[0]
    age = age_on(born, timezone.localdate(referred_at))
    return next(key for key, _, low, high in AGE_BANDS if (low is None or age >= low) and (high is None or age <= high))


DISABILITY = {True: ("yes", _("Yes")), False: ("no", _("No")), None: NOT_KNOWN}


def free_text_key(value: str) -> str:
    """The same answer however it was typed: spaces trimmed and runs of them made one, case folded."""
    return " ".join(value.split()).casefold()


def _spelling_rank(spelling: str) -> tuple:
    """Among equally common spellings of one answer, prefer a capital first letter and as few capitals as can be."""
    return (not spelling[:1].isupper(), sum(letter.isupper() for letter in spelling), spelling)


@dataclass
class _Victim:
    fields: dict  # her current equality fields
    first_referred_at: dt.datetime
    referrals: int = 0
    outcomes: frozenset[str] = frozenset()


def _victims(rows: list[dict]) -> dict[int, _Victim]:
    """The period's victims, each once, with what happened to any of her referrals in the period."""
    victims: dict[int, _Victim] = {}
    for row in rows:  # in the order referred, so her first referral of the period comes first
        victim = victims.setdefault(
            row["case__victim_id"],
            _Victim({name: row[f"case__victim__{name}"] for name in _VICTIM_FIELDS}, row["referred_at"]),
        )
        victim.referrals += 1
        victim.outcomes |= {outcome for outcome, flag in _OUTCOME_FLAGS.items() if row[flag]}
    return victims


def _choice_dimension(
    key: str, choices: Iterable[tuple[str, str]], value_of: Callable[[_Victim], str], victims: list[_Victim]
) -> Dimension:
    groups = {choice_key: (label, Counter()) for choice_key, label in choices}
    for victim in victims:
        _count(groups[value_of(victim)][1], victim)
    return Dimension(key, [Group(k, label, _counts(c)) for k, (label, c) in groups.items()], free_text=False)


def _free_text_dimension(key: str, field: str, victims: list[_Victim]) -> Dimension:
    """Grouped by the answer however typed, named by its commonest spelling; most victims first, blank last."""
    counters: dict[str, Counter] = defaultdict(Counter)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for victim in victims:
        answer = " ".join(victim.fields[field].split())
        group = free_text_key(answer)
        _count(counters[group], victim)
        spellings[group][answer] += 1
    named = [
        Group(group, min(spellings[group], key=lambda s: (-spellings[group][s], _spelling_rank(s))), _counts(c))
        for group, c in counters.items()
        if group
    ]
    named.sort(key=lambda g: (-g.counts["victims"], g.key))
    blank = [Group(NOT_RECORDED[0], NOT_RECORDED[1], _counts(counters[""]))] if "" in counters else []
    return Dimension(key, named + blank, free_text=True)


def _count(counter: Counter, victim: _Victim) -> None:
    counter["victims"] += 1
    counter.update(victim.outcomes)


def _counts(counter: Counter) -> dict[str, int]:
    return {key: counter[key] for key in ("victims", *OUTCOMES)}


def _dimensions(victims: list[_Victim]) -> list[Dimension]:
    return [
        _choice_dimension("ethnicity", Ethnicity.choices, lambda v: v.fields["ethnicity"], victims),
        _choice_dimension(
            "disability",
            DISABILITY.values(),
            lambda v: DISABILITY[v.fields["has_disability"]][0],
            victims,
        ),
        _choice_dimension(
            "age",
            [*((key, label) for key, label, _, _ in AGE_BANDS), NOT_KNOWN],
            lambda v: _age_band(v.fields["date_of_birth"], v.first_referred_at),
            victims,
        ),
        _free_text_dimension("religion", "religion", victims),
        _free_text_dimension("migration_status", "migration_status", victims),
        _choice_dimension(
            "sexual_orientation", SexualOrientation.choices, lambda v: v.fields["sexual_orientation"], victims
        ),
        _choice_dimension("gender", Gender.choices, lambda v: v.fields["gender"], victims),
    ]


def _perpetrators(locality: Locality, period: Period) -> dict[str, int]:
    """Grouped in SQL: each perpetrator of a case referred in the period, with the victims and the referrals of the
    period across their cases, then counted."""
    start, end = period.bounds()
    per_person = (
        CaseParty.objects.filter(
            role=PartyRole.PERPETRATOR,
            case__locality=locality,
            case__referrals__referred_at__gte=start,
            case__referrals__referred_at__lt=end,
        )
        .values("person_id")
        .annotate(
            victim_count=Count("case__victim", distinct=True),
            referral_count=Count("case__referrals", distinct=True),
        )
    )
    return per_person.aggregate(
        perpetrators=Count("person_id"),
        several_victims=Count("person_id", filter=Q(victim_count__gte=2)),
        several_referrals=Count("person_id", filter=Q(referral_count__gte=2)),
    )


def count_monitoring(locality: Locality, last_quarter: Quarter) -> RawMonitoring:
    period = Period.ending(last_quarter)
    rows = _referral_rows(locality, period)
    victims = list(_victims(rows).values())
    total = Counter()
    for victim in victims:
        _count(total, victim)
    return RawMonitoring(
        period=period,
        victims={
            "victims": len(victims),
            "with_repeat": sum("repeat" in victim.outcomes for victim in victims),
            "referred_more_than_once": sum(victim.referrals > 1 for victim in victims),
        },
        perpetrators=_perpetrators(locality, period),
        progression=_progression(rows),
        outcome_total=_counts(total),
        dimensions=_dimensions(victims),
    )
