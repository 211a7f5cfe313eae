"""Reads for assessments: which the actor may see, the instruments on offer, and an assessment as it was asked."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.access import policy
from marac.access.actor import Actor
from marac.access.rules import CASE_DETAIL_BY_ROLE, Detail
from marac.agencies.models import Locality
from marac.referrals.models import Case
from marac.risk.chart import RiskChart, risk_chart
from marac.risk.engine.definition import Band, Instrument, Scoring
from marac.risk.models import Answer, Assessment, InstrumentVersion
from marac.risk.registry import current_version, instrument_of, version_name, versions_in_force
from marac.risk.scales import SCALES, Scale, convert
from marac.risk.services import SafeToTalk

# An assessment's result and the items answered yes are what agencies share at the meeting; so an assessment is
# visible with the case's shared detail. Notes on sources and the safety answers need full detail.
ASSESSMENT_DETAIL = Detail.SHARED


def cases_with_detail(*, actor: Actor, minimum: Detail) -> QuerySet[Case]:
    """The visible cases on which the actor has at least `minimum` detail, in the same query as `visible_cases`."""
    relations = [
        relation for relation, detail in CASE_DETAIL_BY_ROLE.get(actor.role or "", {}).items() if detail >= minimum
    ]
    if not relations:
        return Case.objects.none()
    condition = Q()
    for relation in relations:
        condition |= Q(**{policy.RELATION_FIELD[relation]: True})
    return policy.visible_cases(actor).filter(condition)


def visible_assessments(*, actor: Actor) -> QuerySet[Assessment]:
    """For fetching one assessment through the guard."""
    cases = cases_with_detail(actor=actor, minimum=ASSESSMENT_DETAIL)
    return Assessment.objects.filter(case__in=cases.values("pk")).select_related(
        "case__locality", "case__victim", "instrument", "agency", "assessed_by"
    )


def instrument_choices(*, locality: Locality) -> list[InstrumentVersion]:
    """The versions in force for the locality, one per instrument."""
    return versions_in_force(locality=locality)


def chosen_version(*, locality: Locality, choices: list[InstrumentVersion], code: str = "") -> InstrumentVersion:
    """Of the `instrument_choices`, the one asked for, else the locality's referral instrument."""
    by_code = {version.code: version for version in choices}
    if code in by_code:
        return by_code[code]
    if locality.referral_instrument_code in by_code:
        return by_code[locality.referral_instrument_code]
    return current_version(locality=locality, code=locality.referral_instrument_code)


def high_risk_from(*, instrument: Instrument, scale_code: str) -> str:
    """In words, what the instrument needs for a result of high or above on the locality's scale."""
    scale = SCALES[scale_code]
    high = scale.rank("high")
    bands = [
        band
        for band in sorted(instrument.bands, key=lambda band: band.min)
        if scale.rank(convert(band.level, source=instrument.scale_code, target=scale_code)) >= high
    ]
    by_score = ""
    if bands:
        by_score = (
            gettext("%(minimum)s or more “yes” answers on the %(instrument)s")
            if instrument.scoring is Scoring.COUNT_YES
            else gettext("%(minimum)s or more points on the %(instrument)s")
        ) % {"minimum": bands[0].min, "instrument": instrument.name}
    screen = instrument.screen
    by_screen = bool(
        screen and scale.rank(convert(screen.level, source=instrument.scale_code, target=scale_code)) >= high
    )
    if by_score and by_screen:
        return gettext("%(by_score)s or a positive screen") % {"by_score": by_score}
    if by_screen:
        return gettext("a positive screen")
    return by_score or gettext("a result of high or above on the %(instrument)s") % {"instrument": instrument.name}


@dataclass(frozen=True)
class AnswerRow:
    number: int
    item_id: str
    label: str
    help: str
    answer: str
    note: str

    @property
    def answer_label(self) -> str:
        return Answer(self.answer).label if self.answer in Answer.values else self.answer


SAFETY_QUESTIONS = (
    ("safe_to_talk", _("Safe to talk at the time")),
    ("safe_contact", _("A safe way to make contact")),
    ("perpetrator_whereabouts", _("Where the perpetrator was")),
    ("children_whereabouts", _("Where the children were")),
)


@dataclass(frozen=True)
class AssessmentDisplay:
    """An assessment with the questions of the version it used, and its levels in words."""

    assessment: Assessment
    instrument: Instrument | None  # None only for a record whose version was never stored
    instrument_name: str
    rows: tuple[AnswerRow, ...]

    @property
    def scale(self) -> Scale:
        return SCALES[self.assessment.scale]

    @property
    def yes_rows(self) -> list[AnswerRow]:
        return [row for row in self.rows if row.answer == Answer.YES]

    @property
    def max_score(self) -> int | None:
        return self.instrument.max_score if self.instrument else None

    @property
    def band(self) -> Band | None:
        if self.instrument is None:
            return None
        try:
            return self.instrument.band_for(self.assessment.score)
        except ValueError:
            return None

    @property
    def band_label(self) -> str:
        band = self.band
        if band is None:
            return ""
        return band.label or SCALES[self.instrument.scale_code].label(band.level)

    @property
    def has_screen(self) -> bool:
        return bool(self.instrument and self.instrument.screen)

    @property
    def graded_on_other_scale(self) -> bool:
        """The instrument grades on its own scale, converted to the locality's."""
        return self.instrument is not None and self.instrument.scale_code != self.assessment.scale

    @property
    def computed_label(self) -> str:
        return self.scale.label(self.assessment.computed_level)

    @property
    def judgement_label(self) -> str:
        return self.scale.label(self.assessment.judgement_level) if self.assessment.judgement_level else ""

    @property
    def victim_view_label(self) -> str:
        return self.scale.label(self.assessment.victim_view_level) if self.assessment.victim_view_level else ""

    @property
    def final_label(self) -> str:
        return self.scale.label(self.assessment.final_level)

    @property
    def safety_rows(self) -> list[tuple[str, str]]:
        safety = self.assessment.safety or {}
        rows = []
        for key, question in SAFETY_QUESTIONS:
            value = safety.get(key, "")
            if key == "safe_to_talk":
                value = SafeToTalk(value).label if value in SafeToTalk.values else value
            rows.append((question, value or gettext("Not recorded")))
        return rows


def _stored_version(assessment: Assessment) -> InstrumentVersion | None:
    if assessment.instrument_id is not None:
        return assessment.instrument
    # Recorded before versions were stored with each assessment: the version with the same code and number.
    return (
        InstrumentVersion.objects.filter(code=assessment.instrument_code, version=assessment.instrument_version)
        .filter(Q(locality__isnull=True) | Q(locality_id=assessment.case.locality_id))
        .order_by("locality_id")
        .first()
    )


def assessment_display(assessment: Assessment) -> AssessmentDisplay:
    """The assessment rendered with the instrument version it used, never the one in force today."""
    version = _stored_version(assessment)
    instrument = instrument_of(version) if version is not None else None
    answers = assessment.answers or {}
    if instrument is not None:
        items = [(item.id, item.label, item.help) for item in instrument.items]
    else:
        items = [(item_id, item_id.replace("_", " ").capitalize(), "") for item_id in answers]
    rows = tuple(
        AnswerRow(
            number=number,
            item_id=item_id,
            label=label,
            help=help_text,
            answer=answers.get(item_id, {}).get("answer", ""),
            note=answers.get(item_id, {}).get("note", ""),
        )
        for number, (item_id, label, help_text) in enumerate(items, start=1)
    )
    name = version_name(version) if version is not None else assessment.instrument_code
    return AssessmentDisplay(assessment=assessment, instrument=instrument, instrument_name=name, rows=rows)


def case_assessments(*, case: Case) -> QuerySet[Assessment]:
    """Every assessment of a case fetched through the guard, newest first, without the answers themselves."""
    return (
        Assessment.objects.filter(case=case)
        .select_related("agency", "assessed_by", "instrument")
        .defer("answers", "safety", "instrument__definition")
        .order_by("-assessed_at", "-pk")
    )


@dataclass(frozen=True)
class RiskEntry:
    """One assessment on the case's timeline."""

    assessment: Assessment

    @property
    def scale(self) -> Scale:
        return SCALES[self.assessment.scale]

    @property
    def instrument_name(self) -> str:
        instrument = self.assessment.instrument
        return version_name(instrument) if instrument is not None else self.assessment.instrument_code

    @property
    def computed_label(self) -> str:
        return self.scale.label(self.assessment.computed_level)

    @property
    def final_label(self) -> str:
        return self.scale.label(self.assessment.final_level)


def risk_history(assessments: list[Assessment]) -> list[RiskEntry]:
    return [RiskEntry(assessment) for assessment in assessments]


def risk_chart_for(
    assessments: list[Assessment], *, scale_code: str, next_review_due: dt.datetime | None
) -> RiskChart | None:
    """The chart of final levels, each read on the locality's scale today (a locality may have changed scale)."""
    history = [
        (assessment.assessed_at, convert(assessment.final_level, source=assessment.scale, target=scale_code))
        for assessment in assessments
    ]
    return risk_chart(history=history, scale=SCALES[scale_code], next_review_due=next_review_due)
