"""Writes for risk: an assessment of a case with one of the locality's instruments.

The instrument's result is expressed on the locality's scale. Professional judgement and the victim's own view of
her risk may raise it, each with a reason, and never lower it (EIGE step 2). Every assessment is kept, and sets
when the case's risk must next be reviewed.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext

from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.risk.engine.definition import Instrument
from marac.risk.engine.scoring import Result, score_answers
from marac.risk.levels import LoweringRefused, final_level, refuse_lowering
from marac.risk.models import Answer, Assessment, InstrumentVersion
from marac.risk.registry import current_version, instrument_of
from marac.risk.reviews import case_review_refresh, review_due_for
from marac.risk.scales import SCALES, Scale


class SafeToTalk(models.TextChoices):
    YES = "yes", gettext_lazy("Yes")
    NO = "no", gettext_lazy("No: answered only from what is already known")
    NOT_PRESENT = (
        "not_present",
        gettext_lazy("She is not being spoken to: answered from records or other professionals"),
    )


@dataclass(frozen=True)
class SafetyAnswers:
    """Asked before any question of the instrument: whether she can talk now, how to reach her safely, and where
    the perpetrator and the children are at this moment."""

    safe_to_talk: str
    safe_contact: str = ""
    perpetrator_whereabouts: str = ""
    children_whereabouts: str = ""

    def as_json(self) -> dict[str, str]:
        return {
            "safe_to_talk": self.safe_to_talk,
            "safe_contact": self.safe_contact.strip(),
            "perpetrator_whereabouts": self.perpetrator_whereabouts.strip(),
            "children_whereabouts": self.children_whereabouts.strip(),
        }


@dataclass(frozen=True)
class ItemAnswer:
    """One question's answer (one of the instrument's answer options) and where the answer came from."""

    answer: str
    note: str = ""


@dataclass(frozen=True)
class ScoredAnswers:
    instrument: Instrument
    result: Result
    scale: Scale  # the locality's
    computed_level: str  # the instrument's result on the locality's scale


def assessment_score(
    *, locality: Locality, version: InstrumentVersion, answers: Mapping[str, ItemAnswer]
) -> ScoredAnswers:
    """Score answers with a version and express the result on the locality's scale. Writes nothing."""
    instrument = instrument_of(version)
    result = score_answers(instrument, {item_id: entry.answer for item_id, entry in answers.items()})
    return ScoredAnswers(
        instrument=instrument,
        result=result,
        scale=SCALES[locality.risk_scale],
        computed_level=result.level_on(instrument, locality.risk_scale),
    )


def _answer_problems(instrument: Instrument, answers: Mapping[str, ItemAnswer]) -> list[str]:
    problems = []
    unknown = sorted(set(answers) - set(instrument.item_ids))
    if unknown:
        problems.append(
            gettext("These are not questions of %(instrument)s: %(ids)s.")
            % {"instrument": instrument.name, "ids": ", ".join(unknown)}
        )
    numbered = list(enumerate(instrument.items, start=1))
    given = {item_id: entry.answer for item_id, entry in answers.items() if entry.answer}
    unanswered = [f"{number}. {item.label}" for number, item in numbered if item.id not in given]
    if unanswered:
        problems.append(
            ngettext(
                "Answer every question (%(count)s not answered): %(questions)s",
                "Answer every question (%(count)s not answered): %(questions)s",
                len(unanswered),
            )
            % {"count": len(unanswered), "questions": " ".join(unanswered)}
        )
    options = instrument.answer_options
    refused = [f"{number}. {item.label}" for number, item in numbered if given.get(item.id, options[0]) not in options]
    if refused:
        allowed = ", ".join(Answer(option).label.lower() for option in options)
        problems.append(
            gettext("Answer with %(allowed)s only. Not accepted: %(questions)s")
            % {"allowed": allowed, "questions": " ".join(refused)}
        )
    return problems


# (level field, reason field, keyword of refuse_lowering, what a reason without a level asks for, what a missing
# reason asks for)
_RAISES = (
    (
        "judgement_level",
        "judgement_reason",
        "judgement",
        gettext_lazy("Choose the level your professional judgement gives, or delete the reason."),
        gettext_lazy(
            "Write down why your professional judgement raises the level above the instrument's result (%(computed)s)."
        ),
    ),
    (
        "victim_view_level",
        "victim_view_reason",
        "victim_view",
        gettext_lazy("Choose the level her view gives, or delete the reason."),
        gettext_lazy(
            "Write down why she sees her risk as higher than the instrument's result (%(computed)s), in her words "
            "where you can."
        ),
    ),
)


def assessment_errors(
    *,
    locality: Locality,
    version: InstrumentVersion,
    scored: ScoredAnswers,
    safety: SafetyAnswers,
    answers: Mapping[str, ItemAnswer],
    judgement_level: str = "",
    judgement_reason: str = "",
    victim_view_level: str = "",
    victim_view_reason: str = "",
    assessed_at: dt.datetime | None = None,
) -> dict[str, list[str]]:
    """Every rule an assessment breaks, by field. The referral form checks its checklist with these same rules."""
    errors: dict[str, list[str]] = {}
    if version.locality_id not in (None, locality.pk):
        errors["instrument"] = [gettext("This instrument belongs to another locality.")]
    elif current_version(locality=locality, code=version.code).pk != version.pk:
        errors["instrument"] = [
            gettext(
                "Version %(version)s of %(instrument)s has been replaced since you started. "
                "Check the answers against the current questions and send them again."
            )
            % {"version": version.version, "instrument": version.name}
        ]
    if problems := _answer_problems(scored.instrument, answers):
        errors["answers"] = problems
    if safety.safe_to_talk not in SafeToTalk.values:
        errors["safe_to_talk"] = [gettext("Say whether it is safe for her to talk now.")]

    scale, computed = scored.scale, scored.computed_level
    given = {
        "judgement_level": judgement_level,
        "judgement_reason": judgement_reason,
        "victim_view_level": victim_view_level,
        "victim_view_reason": victim_view_reason,
    }
    for level_field, reason_field, keyword, level_needed, reason_needed in _RAISES:
        level, reason = given[level_field], given[reason_field].strip()
        if not level:
            if reason:
                errors[level_field] = [str(level_needed)]
            continue
        if level not in scale.values:
            errors[level_field] = [
                gettext("Choose a level of this locality's scale (%(scale)s).") % {"scale": scale.name}
            ]
            continue
        try:
            refuse_lowering(scale=scale, computed=computed, **{keyword: level})
        except LoweringRefused as refused:
            errors[level_field] = [str(refused)]
            continue
        if scale.rank(level) > scale.rank(computed) and not reason:
            errors[reason_field] = [reason_needed % {"computed": scale.label(computed)}]
    if assessed_at is not None and assessed_at > timezone.now():
        errors["assessed_at"] = [gettext("An assessment cannot be dated in the future.")]
    return errors


def assessment_record(
    *,
    actor: Actor,
    case,
    version: InstrumentVersion,
    safety: SafetyAnswers,
    answers: dict[str, ItemAnswer],
    judgement_level: str = "",
    judgement_reason: str = "",
    victim_view_level: str = "",
    victim_view_reason: str = "",
    assessed_at: dt.datetime | None = None,
) -> Assessment:
    """Score the answers with the version in force, keep the assessment, and bring the case's level and next
    review up to date.

    The final level is the highest of the computed level, the professional judgement and the victim's view; a
    level below the computed one is refused, and a level above it needs a reason.
    """
    locality: Locality = case.locality
    if actor.locality is None or case.locality_id != actor.locality.pk:
        raise PermissionDenied(gettext("The case belongs to another locality."))
    scored = assessment_score(locality=locality, version=version, answers=answers)
    errors = assessment_errors(
        locality=locality,
        version=version,
        scored=scored,
        safety=safety,
        answers=answers,
        judgement_level=judgement_level,
        judgement_reason=judgement_reason,
        victim_view_level=victim_view_level,
        victim_view_reason=victim_view_reason,
        assessed_at=assessed_at,
    )
    if errors:
        raise ValidationError(errors)

    instrument, result, scale = scored.instrument, scored.result, scored.scale
    assessed_at = assessed_at or timezone.now()
    final = final_level(
        scale=scale, computed=scored.computed_level, judgement=judgement_level, victim_view=victim_view_level
    )
    stored_answers = {
        item.id: {"answer": answers[item.id].answer, "note": answers[item.id].note.strip()} for item in instrument.items
    }
    level_before = case.risk_level  # a change of level may be an event the protocol asks agencies to refer back
    with transaction.atomic():
        assessment = Assessment.objects.create(
            case=case,
            instrument=version,
            instrument_code=version.code,
            instrument_version=version.version,
            safety=safety.as_json(),
            answers=stored_answers,
            score=result.score,
            screened_in=result.screened_in,
            scale=scale.code,
            computed_level=scored.computed_level,
            judgement_level=judgement_level,
            judgement_reason=judgement_reason.strip(),
            victim_view_level=victim_view_level,
            victim_view_reason=victim_view_reason.strip(),
            final_level=final,
            assessed_by=actor.user,
            agency=actor.agency,
            assessed_at=assessed_at,
            next_review_due=review_due_for(locality=locality, level=final, assessed_at=assessed_at),
        )
        case_review_refresh(case=case, answered_by=assessment)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=assessment,
            case=case,
            summary=(
                f"Recorded a risk assessment ({version.name}): score {result.score}, {in_english(scale.label(final))}"
            ),
            detail={
                "instrument": f"{version.code}@{version.version}",
                "score": result.score,
                "screened_in": result.screened_in,
                "computed_level": scored.computed_level,
                "judgement_level": judgement_level,
                "victim_view_level": victim_view_level,
                "final_level": final,
                "next_review_due": assessment.next_review_due.isoformat(),
            },
        )
        # Imported here: the duties app builds on this one, and on referrals, which imports this module.
        from marac.duties.services import duty_after_assessment

        duty_after_assessment(actor=actor, assessment=assessment, level_before=level_before)
    return assessment
