"""The individual needs assessment (VRD Art. 22): versions numbered from the initial one, each later one with its
reason, a significant change saying what changed; every version kept and readable."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.rights.models import NeedsAssessment, NeedsAssessmentReason, ProtectionNeed
from marac.rights.services import needs_assessment_record
from marac.rights.tests.factories import victim_case


def record(locale, case, reason, **overrides):
    return needs_assessment_record(
        actor=locale.actor("idva"),
        case=case,
        reason=reason,
        assessed_on=overrides.pop("assessed_on", timezone.localdate()),
        needs=overrides.pop("needs", [ProtectionNeed.NO_CONTACT]),
        findings=overrides.pop("findings", "He knows where she works."),
        **overrides,
    )


def test_the_initial_assessment_then_a_version_after_a_significant_change(locale):
    case = victim_case(locale)
    first = record(locale, case, NeedsAssessmentReason.INITIAL, assessed_on=timezone.localdate() - dt.timedelta(days=9))
    second = record(
        locale,
        case,
        NeedsAssessmentReason.SIGNIFICANT_CHANGE,
        change_description="He was released from prison.",
        needs=[ProtectionNeed.NO_CONTACT, ProtectionNeed.ALARM],
    )

    assert (first.version, second.version) == (1, 2)
    assert second.change_description == "He was released from prison."
    assert second.needs == [ProtectionNeed.NO_CONTACT, ProtectionNeed.ALARM]
    log = locale.client("idva").get(reverse("rights:log", kwargs={"case_pk": case.pk}))
    assert log.context["log"].current_assessment == second
    assert [assessment.version for assessment in log.context["log"].assessments] == [2, 1]


def test_a_significant_change_must_say_what_changed(locale):
    case = victim_case(locale)
    record(locale, case, NeedsAssessmentReason.INITIAL)
    with pytest.raises(ValidationError) as refused:
        record(locale, case, NeedsAssessmentReason.SIGNIFICANT_CHANGE)
    assert "change_description" in refused.value.message_dict


def test_the_first_version_is_the_initial_one_and_there_is_only_one(locale):
    case = victim_case(locale)
    with pytest.raises(ValidationError, match="first assessment is the initial"):
        record(locale, case, NeedsAssessmentReason.REVIEW)
    record(locale, case, NeedsAssessmentReason.INITIAL)
    with pytest.raises(ValidationError, match="already has an initial assessment"):
        record(locale, case, NeedsAssessmentReason.INITIAL)


def test_a_new_version_cannot_be_dated_before_the_last(locale):
    case = victim_case(locale)
    record(locale, case, NeedsAssessmentReason.INITIAL)
    with pytest.raises(ValidationError, match="cannot be earlier"):
        record(locale, case, NeedsAssessmentReason.REVIEW, assessed_on=timezone.localdate() - dt.timedelta(days=3))


def test_the_form_offers_only_the_initial_reason_first_and_starts_later_versions_from_the_last(locale):
    case = victim_case(locale)
    client = locale.client("idva")
    url = reverse("rights:needs_new", kwargs={"case_pk": case.pk})

    first_form = client.get(url).context["form"]
    assert [value for value, _label in first_form.fields["reason"].choices] == [NeedsAssessmentReason.INITIAL]
    client.post(
        url,
        {
            "reason": NeedsAssessmentReason.INITIAL,
            "assessed_on": timezone.localdate().isoformat(),
            "findings": "Isolated; no family nearby.",
            "needs": [ProtectionNeed.INTERPRETER],
            "her_views": "Wants a woman officer.",
        },
    )
    assessment = NeedsAssessment.objects.get(case=case)
    assert assessment.recorded_by == locale.memberships["idva"].user

    later_form = client.get(url).context["form"]
    assert NeedsAssessmentReason.INITIAL not in [value for value, _label in later_form.fields["reason"].choices]
    assert later_form.initial["findings"] == "Isolated; no family nearby."


def test_each_version_is_readable_and_the_read_is_audited(locale):
    case = victim_case(locale)
    first = record(locale, case, NeedsAssessmentReason.INITIAL, her_views="Wants a woman officer.")

    response = locale.client("chair").get(reverse("rights:needs_detail", kwargs={"pk": first.pk}))

    assert response.status_code == 200
    assert "Wants a woman officer." in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="rights.needsassessment", case_id=case.pk
    ).exists()
    assert locale.client("police_rep").get(reverse("rights:needs_detail", kwargs={"pk": first.pk})).status_code == 404
