"""Recording a risk checklist: scored against the locality, raised by judgement but never lowered."""

import pytest
from django.core.exceptions import ValidationError

from marac.audit.models import AuditAction, AuditEvent
from marac.risk.checklist import load_checklist
from marac.risk.models import Answer, RiskLevel
from marac.risk.services import ChecklistAnswer, assessment_record
from marac.testing.factories import CaseFactory

CHECKLIST = load_checklist()


def answers(yes: int) -> dict[str, ChecklistAnswer]:
    return {
        item.id: ChecklistAnswer(answer=Answer.YES if index < yes else Answer.DONT_KNOW)
        for index, item in enumerate(CHECKLIST.items)
    }


@pytest.fixture
def case(locale):
    return CaseFactory(locality=locale.locality)


def test_score_and_levels_follow_the_locality(locale, case):
    actor = locale.actor("police_referrer")
    levels = {
        yes: assessment_record(actor=actor, case=case, checklist=CHECKLIST, answers=answers(yes)).computed_level
        for yes in (9, 10, 13, 14)
    }
    assert levels == {9: RiskLevel.STANDARD, 10: RiskLevel.MEDIUM, 13: RiskLevel.MEDIUM, 14: RiskLevel.HIGH}
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="risk.assessment", case=case).count() == 4


def test_judgement_raises_but_never_lowers(locale, case):
    actor = locale.actor("police_referrer")
    raised = assessment_record(
        actor=actor,
        case=case,
        checklist=CHECKLIST,
        answers=answers(2),
        judgement_level=RiskLevel.HIGH,
        judgement_reason="Threats to kill.",
    )
    kept = assessment_record(
        actor=actor,
        case=case,
        checklist=CHECKLIST,
        answers=answers(15),
        judgement_level=RiskLevel.STANDARD,
        judgement_reason="She says she feels safe now.",
    )
    assert raised.final_level == RiskLevel.HIGH
    assert kept.final_level == RiskLevel.HIGH


def test_judgement_needs_a_reason(locale, case):
    with pytest.raises(ValidationError):
        assessment_record(
            actor=locale.actor("police_referrer"),
            case=case,
            checklist=CHECKLIST,
            answers=answers(2),
            judgement_level=RiskLevel.HIGH,
        )


def test_every_question_must_be_answered(locale, case):
    partial = dict(list(answers(3).items())[:20])
    with pytest.raises(ValidationError) as raised:
        assessment_record(actor=locale.actor("police_referrer"), case=case, checklist=CHECKLIST, answers=partial)
    assert "4 unanswered" in raised.value.message_dict["answers"][0]
