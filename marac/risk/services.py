"""Writes for risk: record a completed checklist as an assessment of a case."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.risk.checklist import Checklist, count_yes, level_for_score
from marac.risk.models import LEVEL_ORDER, Answer, Assessment, RiskLevel


@dataclass(frozen=True)
class ChecklistAnswer:
    answer: str
    note: str = ""


def assessment_record(
    *,
    actor: Actor,
    case,
    checklist: Checklist,
    answers: dict[str, ChecklistAnswer],
    judgement_level: str = "",
    judgement_reason: str = "",
) -> Assessment:
    """Score the checklist against the case's locality and keep it.

    Professional judgement may raise the level the checklist gives, never lower it, and only with a reason.
    """
    item_ids = [item.id for item in checklist.items]
    unknown = sorted(set(answers) - set(item_ids))
    if unknown:
        raise ValidationError({"answers": f"These are not questions of the checklist: {', '.join(unknown)}."})
    unanswered = [item.label for item in checklist.items if item.id not in answers]
    if unanswered:
        raise ValidationError({"answers": f"Answer every question of the checklist ({len(unanswered)} unanswered)."})
    if any(entry.answer not in Answer.values for entry in answers.values()):
        raise ValidationError({"answers": "Answer each question with yes, no or don't know."})
    if judgement_level and judgement_level not in RiskLevel.values:
        raise ValidationError({"judgement_level": "Choose a risk level."})
    if judgement_level and not judgement_reason.strip():
        raise ValidationError({"judgement_reason": "Write down why your judgement differs from the checklist."})

    stored = {
        item_id: {"answer": answers[item_id].answer, "note": answers[item_id].note.strip()} for item_id in item_ids
    }
    score = count_yes(stored)
    computed = level_for_score(score=score, locality=case.locality)
    final = computed
    if judgement_level and LEVEL_ORDER[RiskLevel(judgement_level)] > LEVEL_ORDER[RiskLevel(computed)]:
        final = judgement_level
    with transaction.atomic():
        assessment = Assessment.objects.create(
            case=case,
            instrument_code=checklist.code,
            instrument_version=checklist.version,
            answers=stored,
            score=score,
            computed_level=computed,
            judgement_level=judgement_level,
            judgement_reason=judgement_reason.strip() if judgement_level else "",
            final_level=final,
            assessed_by=actor.user,
            agency=actor.agency,
            assessed_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=assessment,
            case=case,
            summary=f"Recorded a risk checklist: {score} yes, {final} risk",
            detail={"instrument": f"{checklist.code}@{checklist.version}", "score": score, "final_level": final},
        )
    return assessment
