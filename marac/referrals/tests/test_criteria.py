"""The system evaluates the referral criteria; a referral must meet at least one."""

import json

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from marac.referrals.models import Case, Referral
from marac.referrals.tests.factories import refer, victim
from marac.risk.models import Answer, Assessment, RiskLevel
from marac.risk.registry import SHIPPED_DIR, current_version, instrument_load
from marac.risk.scales import FIVE_LEVEL
from marac.risk.services import ItemAnswer


def test_visible_high_risk_at_the_locality_threshold(locale):
    outcome = refer(locale, yes=14, professional_judgement=False, professional_judgement_reasons="")

    referral = outcome.referral
    assert referral.meets_visible_high_risk
    assert not referral.meets_professional_judgement
    assert referral.criteria_met == ["Visible high risk"]
    assessment = referral.assessment
    assert assessment.case == outcome.case
    assert (assessment.instrument_code, assessment.instrument_version) == ("dash-style-24", "1")
    assert assessment.instrument == current_version(locality=locale.locality, code="dash-style-24")
    assert assessment.score == 14
    assert assessment.computed_level == RiskLevel.HIGH
    assert assessment.final_level == RiskLevel.HIGH
    assert assessment.answers["injury"] == {"answer": "yes", "note": "Victim's account"}


def test_one_yes_below_the_threshold_is_not_visible_high_risk(locale):
    with pytest.raises(ValidationError) as raised:
        refer(locale, yes=13, professional_judgement=False, professional_judgement_reasons="")
    assert "meets none of the criteria" in raised.value.message_dict[NON_FIELD_ERRORS][0]
    assert "this one scores 13, medium risk" in raised.value.message_dict[NON_FIELD_ERRORS][0]
    assert not Assessment.objects.exists()


def test_the_locality_s_own_version_of_its_referral_instrument_decides(locale):
    data = json.loads((SHIPPED_DIR / "dash-style-24.json").read_text(encoding="utf-8"))
    data["version"] = "local-1"
    data["bands"] = [
        {"min": 0, "max": 5, "level": "standard"},
        {"min": 6, "max": 9, "level": "medium"},
        {"min": 10, "max": None, "level": "high"},
    ]
    local = instrument_load(actor=locale.actor("admin"), text=json.dumps(data), filename="local.json")

    outcome = refer(locale, yes=10, professional_judgement=False, professional_judgement_reasons="")

    assert outcome.referral.meets_visible_high_risk
    assert outcome.referral.assessment.instrument == local
    assert outcome.referral.assessment.computed_level == RiskLevel.HIGH


def five_level_referral_instrument(locale) -> None:
    """Four questions graded on the five-level scale, one level per "yes"."""
    levels = [value for value, _label in FIVE_LEVEL.levels]
    text = json.dumps(
        {
            "code": "test-five",
            "version": "1",
            "name": "Four questions, five levels",
            "scale": FIVE_LEVEL.code,
            "scoring": "count_yes",
            "items": [{"id": f"q{number}", "label": f"Question {number}?"} for number in range(1, 5)],
            "bands": [{"min": yes, "max": yes if yes < 4 else None, "level": levels[yes]} for yes in range(5)],
        }
    )
    instrument_load(actor=locale.actor("admin"), text=text, filename="five.json")
    locale.locality.risk_scale = FIVE_LEVEL.code
    locale.locality.referral_instrument_code = "test-five"
    locale.locality.save()


def four_answers(yes: int) -> dict[str, ItemAnswer]:
    return {f"q{number}": ItemAnswer(answer=Answer.YES if number <= yes else Answer.NO) for number in range(1, 5)}


@pytest.mark.parametrize(("yes", "level"), [(3, "high"), (4, "extreme")])
def test_high_or_extreme_on_a_five_level_scale_is_visible_high_risk(locale, yes, level):
    five_level_referral_instrument(locale)
    no_judgement = {"professional_judgement": False, "professional_judgement_reasons": ""}

    outcome = refer(locale, item_answers=four_answers(yes), **no_judgement)

    assert outcome.referral.meets_visible_high_risk
    assert outcome.referral.assessment.computed_level == level
    with pytest.raises(ValidationError):
        other_victim = victim(given_name="Priya", family_name="Shah", aliases=[])
        refer(locale, item_answers=four_answers(2), victim=other_victim, **no_judgement)


def test_judgement_on_an_extreme_result_keeps_it_extreme(locale):
    five_level_referral_instrument(locale)

    assessment = refer(locale, item_answers=four_answers(4)).referral.assessment

    assert (assessment.judgement_level, assessment.final_level) == ("extreme", "extreme")


def test_professional_judgement_raises_the_level_to_high_with_its_reason(locale):
    outcome = refer(locale, yes=11, professional_judgement_reasons="Threats to kill with a knife.")

    assessment = outcome.referral.assessment
    assert outcome.referral.criteria_met == ["Professional judgement"]
    assert assessment.computed_level == RiskLevel.MEDIUM
    assert assessment.judgement_level == RiskLevel.HIGH
    assert assessment.judgement_reason == "Threats to kill with a knife."
    assert assessment.final_level == RiskLevel.HIGH


def test_professional_judgement_needs_written_reasons(locale):
    with pytest.raises(ValidationError) as raised:
        refer(locale, professional_judgement=True, professional_judgement_reasons="   ")
    assert "professional_judgement_reasons" in raised.value.message_dict
    assert not Referral.objects.exists()


def test_potential_escalation_counts_incidents_against_the_locality_rule(locale):
    below = {"professional_judgement": False, "professional_judgement_reasons": ""}
    with pytest.raises(ValidationError):
        refer(locale, incidents_in_escalation_window=2, **below)

    outcome = refer(locale, incidents_in_escalation_window=3, **below)

    assert outcome.referral.meets_potential_escalation
    assert outcome.referral.incidents_in_escalation_window == 3
    assert outcome.referral.criteria_met == ["Potential escalation"]


def test_no_criterion_met_names_every_criterion_and_saves_nothing(locale):
    with pytest.raises(ValidationError) as raised:
        refer(locale, yes=2, professional_judgement=False, professional_judgement_reasons="")

    message = raised.value.message_dict[NON_FIELD_ERRORS][0]
    for criterion in ("visible high risk", "professional judgement", "potential escalation", "repeat"):
        assert criterion in message
    assert not Case.objects.exists()
    assert not Assessment.objects.exists()
