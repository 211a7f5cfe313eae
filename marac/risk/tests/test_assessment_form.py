"""The assessment page: safety questions first, one row per item, judgement and her view; errors save nothing."""

import pytest
from django.urls import reverse

from marac.risk.models import Assessment
from marac.risk.registry import instrument_load
from marac.risk.tests.factories import (
    dash_version,
    dash_with_changed_label,
    form_post,
    heard_case,
    screened_instrument_text,
)


@pytest.fixture
def case(locale):
    return heard_case(locale)


def url(case) -> str:
    return reverse("risk:assess", args=[case.pk])


def test_the_safety_questions_come_first_then_one_row_per_item(locale, case):
    response = locale.client("idva").get(url(case))

    content = response.content.decode()
    assert response.status_code == 200
    order = [
        "Is it safe for her to talk now?",
        "How can she be contacted safely?",
        "Where is the perpetrator now?",
        "Where are the children now?",
        "1. Is there an injury from the current incident",
        "24. Is the abuser known to have a criminal history",
        "Your professional judgement of her risk",
        "How high does she think her risk is?",
    ]
    positions = [content.index(text) for text in order]
    assert positions == sorted(positions)
    assert content.count('type="radio" name="answer_') == 24 * 3
    assert content.count('class="govuk-radios govuk-radios--inline govuk-radios--small"') == 24
    assert content.count('name="note_') == 24
    assert "may raise the level the instrument gives, never lower it" in content
    assert f'name="instrument_version" value="{dash_version(locale.locality).pk}"' in content
    assert "<script>" not in content and 'style="' not in content


def test_another_instrument_can_be_chosen(locale, case):
    version = instrument_load(actor=locale.actor("admin"), text=screened_instrument_text(), filename="screen.json")

    page = locale.client("idva").get(url(case)).content.decode()
    chosen = locale.client("idva").get(url(case), {"instrument": "test-screen"}).content.decode()

    assert '<option value="test-screen">Three questions with a screen</option>' in page
    assert "Has he ever strangled her?" in chosen
    assert "Is there an injury" not in chosen
    assert f'name="instrument_version" value="{version.pk}"' in chosen
    assert f'action="/risk/cases/{case.pk}/assess/?instrument=test-screen"' in chosen


def test_a_completed_assessment_is_kept_and_shown(locale, case):
    data = form_post(
        dash_version(locale.locality),
        yes=11,
        victim_view_level="high",
        victim_view_reason="She says he will find her wherever she goes.",
    )

    client = locale.client("housing_rep")
    response = client.post(url(case), data)

    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("risk:assessment_detail", args=[assessment.pk])
    assert (assessment.computed_level, assessment.final_level) == ("medium", "high")
    assert assessment.agency == locale.housing
    assert assessment.safety["children_whereabouts"] == "At school"
    assert assessment.answers["injury"] == {"answer": "yes", "note": "Her account"}
    page = client.get(response.url).content.decode()
    assert "Risk assessment recorded: High risk." in page


def test_errors_are_summarised_and_nothing_is_saved(locale, case):
    data = form_post(
        dash_version(locale.locality),
        yes=15,
        answer_weapons=None,
        safe_to_talk=None,
        judgement_level="standard",
        judgement_reason="She feels safer now.",
    )

    response = locale.client("idva").post(url(case), data)

    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert '<a href="#id_safe_to_talk">Say whether it is safe for her to talk now.</a>' in content
    assert '<a href="#id_answer_weapons">Answer question 13: Has the abuser used a weapon' in content
    assert not Assessment.objects.exists()


def test_a_lowering_judgement_is_refused_on_its_field(locale, case):
    data = form_post(
        dash_version(locale.locality), yes=15, judgement_level="standard", judgement_reason="She feels safer now."
    )

    content = locale.client("idva").post(url(case), data).content.decode()

    assert 'href="#id_judgement_level"' in content
    assert "Professional judgement (Standard) is below the instrument&#x27;s result (High)." in content
    assert "It may raise the level, never lower it." in content
    assert "She feels safer now." in content  # what was typed is kept
    assert not Assessment.objects.exists()


def test_a_raise_without_a_reason_is_refused(locale, case):
    data = form_post(dash_version(locale.locality), yes=2, judgement_level="high")

    content = locale.client("idva").post(url(case), data).content.decode()

    assert '<a href="#id_judgement_reason">Write down why your professional judgement raises the level' in content
    assert not Assessment.objects.exists()


def test_answers_to_a_version_replaced_meanwhile_are_not_scored(locale, case):
    data = form_post(dash_version(locale.locality), yes=15)
    instrument_load(
        actor=locale.actor("admin"), text=dash_with_changed_label(version="2", label="Any injury?"), filename="v2.json"
    )

    content = locale.client("idva").post(url(case), data).content.decode()

    assert "was updated while this form was open" in content
    assert "1. Any injury?" in content
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("persona", ["police_referrer", "health_rep", "analyst"])
def test_who_may_not_assess_gets_a_404(locale, case, persona):
    assert locale.client(persona).post(url(case), form_post(dash_version(locale.locality), yes=3)).status_code == 404
    assert not Assessment.objects.exists()
