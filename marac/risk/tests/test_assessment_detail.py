"""An assessment's page: its result, what was answered yes, and the questions of the version it used."""

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.risk.models import Assessment
from marac.risk.registry import instrument_load, instrument_of
from marac.risk.services import assessment_record
from marac.risk.tests.factories import dash_version, dash_with_changed_label, heard_case, item_answers, safety

OLD_LABEL = "Is there an injury from the current incident, whether visible or not?"
NEW_LABEL = "Has she been hurt in this incident, in any way?"


@pytest.fixture
def case(locale):
    return heard_case(locale)


def record(locale, case, *, yes: int, **kwargs) -> Assessment:
    version = dash_version(locale.locality)
    return assessment_record(
        actor=locale.actor("idva"),
        case=case,
        version=version,
        safety=safety(perpetrator_whereabouts="Staying with his brother in Hillside"),
        answers=item_answers(instrument_of(version), yes=yes, note="Seen by the officer"),
        **kwargs,
    )


def page(locale, persona: str, assessment: Assessment):
    return locale.client(persona).get(reverse("risk:assessment_detail", args=[assessment.pk]))


def test_the_page_shows_the_result_and_the_items_answered_yes(locale, case):
    assessment = record(
        locale,
        case,
        yes=12,
        judgement_level="high",
        judgement_reason="Strangled her last week.",
        victim_view_level="high",
        victim_view_reason="She believes he will kill her.",
    )

    response = page(locale, "coordinator", assessment)

    content = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Domestic abuse risk checklist (24 items), version 1",
        "12 out of 24",
        "Medium",
        "Strangled her last week.",
        "She believes he will kill her.",
        f"1. {OLD_LABEL}",
        "12. Does the abuser try to control everything",
        timezone.localtime(assessment.next_review_due).strftime("%-d %B %Y"),
        case.reference,
    ):
        assert text in content
    assert "13. Has the abuser used a weapon" not in content.split("Before the questions")[0]
    assert '<strong class="govuk-tag govuk-tag--red">High</strong></dd>' in content
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="risk.assessment", object_id=str(assessment.pk), case=case
    ).exists()


def test_notes_and_safety_answers_need_full_detail(locale, case):
    assessment = record(locale, case, yes=3)

    full = page(locale, "idva", assessment).content.decode()
    shared = page(locale, "housing_rep", assessment).content.decode()

    assert "Seen by the officer" in full and "Staying with his brother in Hillside" in full
    assert f"1. {OLD_LABEL}" in shared
    assert "Seen by the officer" not in shared and "Staying with his brother" not in shared


def test_an_old_assessment_renders_with_the_version_it_used(locale, case):
    old = record(locale, case, yes=3)
    instrument_load(
        actor=locale.actor("admin"), text=dash_with_changed_label(version="2", label=NEW_LABEL), filename="v2.json"
    )
    new = record(locale, case, yes=3)

    old_page = page(locale, "coordinator", old).content.decode()
    new_page = page(locale, "coordinator", new).content.decode()

    assert (old.instrument_version, new.instrument_version) == ("1", "2")
    assert OLD_LABEL in old_page and NEW_LABEL not in old_page
    assert NEW_LABEL in new_page and OLD_LABEL not in new_page


def test_a_record_without_a_stored_version_renders_with_the_version_of_the_same_number(locale, case):
    assessment = record(locale, case, yes=2)
    Assessment.objects.filter(pk=assessment.pk).update(instrument=None)

    content = page(locale, "coordinator", assessment).content.decode()

    assert f"1. {OLD_LABEL}" in content


@pytest.mark.parametrize("persona", ["health_rep", "social_care_rep", "police_referrer", "analyst"])
def test_without_shared_detail_on_the_case_it_is_not_found(locale, case, persona):
    assessment = record(locale, case, yes=2)

    assert page(locale, persona, assessment).status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=locale.memberships[persona].user).exists()


def test_another_locality_s_assessment_is_not_found(locale, other_locale):
    elsewhere = heard_case(other_locale)
    version = dash_version(other_locale.locality)
    assessment = assessment_record(
        actor=other_locale.actor("idva"),
        case=elsewhere,
        version=version,
        safety=safety(),
        answers=item_answers(instrument_of(version), yes=2),
    )

    assert page(locale, "coordinator", assessment).status_code == 404
