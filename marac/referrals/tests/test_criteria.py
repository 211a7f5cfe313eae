"""The system evaluates the referral criteria; a referral must meet at least one."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from marac.referrals.models import Case, Referral
from marac.referrals.tests.factories import refer
from marac.risk.models import Assessment, RiskLevel


def test_visible_high_risk_at_the_locality_threshold(locale):
    outcome = refer(locale, yes=14, professional_judgement=False, professional_judgement_reasons="")

    referral = outcome.referral
    assert referral.meets_visible_high_risk
    assert not referral.meets_professional_judgement
    assert referral.criteria_met == ["Visible high risk"]
    assessment = referral.assessment
    assert assessment.case == outcome.case
    assert (assessment.instrument_code, assessment.instrument_version) == ("dash-style-24", "1")
    assert assessment.score == 14
    assert assessment.computed_level == RiskLevel.HIGH
    assert assessment.final_level == RiskLevel.HIGH
    assert assessment.answers["injury"] == {"answer": "yes", "note": "Victim's account"}


def test_one_yes_below_the_threshold_is_not_visible_high_risk(locale):
    with pytest.raises(ValidationError) as raised:
        refer(locale, yes=13, professional_judgement=False, professional_judgement_reasons="")
    assert "meets none of the criteria" in raised.value.message_dict[NON_FIELD_ERRORS][0]
    assert "this one has 13" in raised.value.message_dict[NON_FIELD_ERRORS][0]


def test_the_threshold_is_the_locality_s(locale):
    locale.locality.high_risk_threshold = 10
    locale.locality.medium_risk_threshold = 6
    locale.locality.save()

    outcome = refer(locale, yes=10, professional_judgement=False, professional_judgement_reasons="")

    assert outcome.referral.meets_visible_high_risk
    assert outcome.referral.assessment.computed_level == RiskLevel.HIGH


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
