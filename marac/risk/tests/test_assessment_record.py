"""Recording an assessment: scored on the locality's scale, raised by judgement or her view but never lowered."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.risk.levels import LoweringRefused, refuse_lowering
from marac.risk.models import Answer, Assessment
from marac.risk.registry import instrument_load, instrument_of
from marac.risk.scales import FIVE_LEVEL, THREE_LEVEL, ScaleChoice
from marac.risk.services import ItemAnswer, assessment_record
from marac.risk.tests.factories import (
    dash_version,
    dash_with_changed_label,
    item_answers,
    safety,
    screened_instrument_text,
)
from marac.testing.factories import CaseFactory


@pytest.fixture
def case(locale):
    return CaseFactory(locality=locale.locality)


def record(locale, case, *, yes: int = 0, persona: str = "idva", version=None, **kwargs) -> Assessment:
    version = version or dash_version(locale.locality)
    answers = kwargs.pop("answers", None) or item_answers(instrument_of(version), yes=yes, note="Her account")
    return assessment_record(
        actor=locale.actor(persona), case=case, version=version, safety=safety(), answers=answers, **kwargs
    )


def refused(callable_, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as raised:
        callable_(**kwargs)
    return raised.value.message_dict


def test_the_result_is_the_instrument_s_band_on_the_locality_s_scale(locale, case):
    levels = {yes: record(locale, case, yes=yes).computed_level for yes in (9, 10, 13, 14)}

    assert levels == {9: "standard", 10: "medium", 13: "medium", 14: "high"}


def test_everything_is_kept_and_the_case_s_next_review_follows(locale, case):
    version = dash_version(locale.locality)
    before = timezone.now()

    assessment = record(locale, case, yes=14)

    assert assessment.instrument == version
    assert (assessment.instrument_code, assessment.instrument_version) == (version.code, version.version)
    assert (assessment.score, assessment.scale, assessment.screened_in) == (14, ScaleChoice.THREE_LEVEL, False)
    assert assessment.final_level == "high"
    assert assessment.answers["injury"] == {"answer": "yes", "note": "Her account"}
    assert assessment.answers["criminal_history"] == {"answer": "no", "note": "Her account"}
    assert list(assessment.answers) == list(instrument_of(version).item_ids)
    assert assessment.safety["perpetrator_whereabouts"] == "In custody overnight"
    assert assessment.next_review_due == assessment.assessed_at + dt.timedelta(days=7)
    assert assessment.assessed_at >= before
    case.refresh_from_db()
    assert (case.risk_level, case.next_review_due) == ("high", assessment.next_review_due)
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="risk.assessment")
    assert event.case_id == case.pk and event.detail["final_level"] == "high"


def test_every_item_must_be_answered_and_the_error_names_the_missing_ones(locale, case):
    instrument = instrument_of(dash_version(locale.locality))
    answers = item_answers(instrument, yes=3)
    del answers["weapons"]
    answers["criminal_history"] = ItemAnswer(answer="")

    errors = refused(record, locale=locale, case=case, answers=answers)

    message = errors["answers"][0]
    assert "2 not answered" in message
    assert "13. Has the abuser used a weapon" in message
    assert "24. Is the abuser known to have a criminal history" in message
    assert not Assessment.objects.exists()


def test_an_answer_must_be_one_of_the_instrument_s_options(locale, case):
    answers = item_answers(instrument_of(dash_version(locale.locality)))
    answers["injury"] = ItemAnswer(answer="maybe")

    errors = refused(record, locale=locale, case=case, answers=answers)

    assert errors["answers"] == ["Answer with yes, no, don't know only. Not accepted: 1. " + _label(locale, "injury")]


def _label(locale, item_id: str) -> str:
    instrument = instrument_of(dash_version(locale.locality))
    return next(item.label for item in instrument.items if item.id == item_id)


def test_a_raise_by_professional_judgement_needs_a_reason(locale, case):
    errors = refused(record, locale=locale, case=case, yes=2, judgement_level="high", judgement_reason="  ")

    assert errors == {
        "judgement_reason": [
            "Write down why your professional judgement raises the level above the instrument's result (Standard)."
        ]
    }
    raised = record(locale, case, yes=2, judgement_level="high", judgement_reason="Threats to kill with a knife.")
    assert (raised.computed_level, raised.judgement_level, raised.final_level) == ("standard", "high", "high")
    assert raised.judgement_reason == "Threats to kill with a knife."


def test_judgement_at_the_instrument_s_level_needs_no_reason(locale, case):
    assessment = record(locale, case, yes=11, judgement_level="medium")

    assert assessment.final_level == "medium"


def test_an_attempt_to_lower_is_refused_with_a_clear_message(locale, case):
    with pytest.raises(LoweringRefused) as expected:
        refuse_lowering(scale=THREE_LEVEL, computed="high", judgement="standard")

    errors = refused(
        record, locale=locale, case=case, yes=15, judgement_level="standard", judgement_reason="She feels safer."
    )

    assert errors == {"judgement_level": [str(expected.value)]}
    assert "never lower it" in errors["judgement_level"][0]
    assert not Assessment.objects.exists()


def test_her_view_below_the_result_is_refused_on_its_own_field(locale, case):
    errors = refused(
        record, locale=locale, case=case, yes=11, victim_view_level="standard", victim_view_reason="He has calmed down."
    )

    assert list(errors) == ["victim_view_level"]
    assert errors["victim_view_level"][0].startswith("The victim's view (Standard) is below the instrument's result")


def test_her_own_view_raises_the_level_with_her_reason(locale, case):
    errors = refused(record, locale=locale, case=case, yes=11, victim_view_level="high")
    assert list(errors) == ["victim_view_reason"]

    assessment = record(
        locale, case, yes=11, victim_view_level="high", victim_view_reason="“He will kill me if he finds me.”"
    )

    assert (assessment.computed_level, assessment.final_level) == ("medium", "high")
    assert assessment.victim_view_reason == "“He will kill me if he finds me.”"


def test_a_level_not_on_the_locality_s_scale_is_refused(locale, case):
    errors = refused(record, locale=locale, case=case, yes=2, judgement_level="extreme", judgement_reason="Gun.")

    assert errors == {"judgement_level": ["Choose a level of this locality's scale (Standard, medium, high)."]}


def test_a_five_level_locality_reads_the_checklist_on_its_own_scale(locale, case):
    locale.locality.risk_scale = FIVE_LEVEL.code
    locale.locality.save()

    low = record(locale, case, yes=5)
    high = record(locale, case, yes=14)
    extreme = record(locale, case, yes=14, judgement_level="extreme", judgement_reason="Bought a gun last week.")

    assert (low.scale, low.computed_level, low.final_level) == (FIVE_LEVEL.code, "low", "low")
    assert (high.computed_level, high.final_level) == ("high", "high")
    assert extreme.final_level == "extreme"
    assert extreme.next_review_due == extreme.assessed_at + dt.timedelta(hours=72)
    case.refresh_from_db()
    assert case.risk_level == "extreme"


def test_a_positive_screen_raises_the_level_whatever_the_score(locale, case):
    version = instrument_load(actor=locale.actor("admin"), text=screened_instrument_text(), filename="screen.json")
    instrument = instrument_of(version)
    answers = {item.id: ItemAnswer(answer=Answer.NO) for item in instrument.items}
    answers["strangled"] = ItemAnswer(answer=Answer.YES)

    assessment = record(locale, case, version=version, answers=answers)

    assert (assessment.score, assessment.screened_in) == (1, True)
    assert assessment.computed_level == assessment.final_level == "high"


def test_a_replaced_version_is_refused(locale, case):
    old = dash_version(locale.locality)
    instrument_load(
        actor=locale.actor("admin"), text=dash_with_changed_label(version="2", label="Any injury?"), filename="v2.json"
    )

    errors = refused(record, locale=locale, case=case, yes=3, version=old)

    assert "has been replaced since you started" in errors["instrument"][0]


def test_an_assessment_cannot_be_dated_in_the_future(locale, case):
    errors = refused(record, locale=locale, case=case, assessed_at=timezone.now() + dt.timedelta(days=1))

    assert list(errors) == ["assessed_at"]


def test_a_case_of_another_locality_is_refused(locale, other_locale):
    elsewhere = CaseFactory(locality=other_locale.locality)

    with pytest.raises(PermissionDenied):
        record(locale, elsewhere, yes=3)
    assert not Assessment.objects.exists()
