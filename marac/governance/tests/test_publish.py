"""A locality administrator publishes a new version: it becomes the current one at once, and signatures of earlier
versions stop counting, so every agency must sign again."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.governance.models import DocumentKind, DocumentVersion
from marac.governance.selectors import (
    agencies_without_current_signature,
    agency_may_receive_case_information,
    current_version,
)
from marac.governance.services import document_version_publish
from marac.governance.tests.factories import agreement_signed_by_every_agency

TODAY = dt.date(2026, 11, 26)


def publish(locale, *, persona: str = "admin", kind: str = DocumentKind.AGREEMENT, **overrides) -> DocumentVersion:
    fields = {
        "label": "2",
        "text": "First paragraph.\n\nSecond paragraph.",
        "lawful_bases_codes": ["uk_gdpr_6_1_e", "dpa_2018_part_3"],
        "effective_on": TODAY,
        "review_on": TODAY + dt.timedelta(days=365),
    } | overrides
    return document_version_publish(actor=locale.actor(persona), kind=kind, **fields)


def test_the_new_version_becomes_current_and_earlier_signatures_stop_counting(locale):
    first = agreement_signed_by_every_agency(locale.locality, label="1")
    assert agency_may_receive_case_information(locale.police)
    assert not agencies_without_current_signature(locale.locality).exists()

    second = publish(locale)

    assert current_version(locality=locale.locality, kind=DocumentKind.AGREEMENT) == second
    assert first.signatures.count() == 5, "earlier signatures are kept as a record"
    assert not agency_may_receive_case_information(locale.police)
    assert set(agencies_without_current_signature(locale.locality)) == {
        locale.police,
        locale.idva_service,
        locale.housing,
        locale.childrens_social_care,
        locale.health,
    }


def test_publishing_the_protocol_leaves_the_agreement_signatures_alone(locale):
    agreement_signed_by_every_agency(locale.locality)
    publish(locale, kind=DocumentKind.PROTOCOL, label="1")
    assert agency_may_receive_case_information(locale.police)


def test_the_version_keeps_what_was_published_and_is_audited(locale):
    version = publish(locale, summary_of_changes="  Adds Part 3.  ", label=" 2.1 ")

    assert version.label == "2.1"
    assert version.summary_of_changes == "Adds Part 3."
    assert version.paragraphs == ["First paragraph.", "Second paragraph."]
    assert version.lawful_bases == ["uk_gdpr_6_1_e", "dpa_2018_part_3"]
    assert version.published_by == locale.memberships["admin"].user
    assert abs(version.published_at - timezone.now()) < dt.timedelta(seconds=5)
    assert version.document.locality == locale.locality
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="governance.documentversion")
    assert event.object_id == str(version.pk)
    assert event.detail["lawful_bases"] == ["uk_gdpr_6_1_e", "dpa_2018_part_3"]


def test_lawful_bases_are_stored_in_catalogue_order(locale):
    version = publish(locale, lawful_bases_codes=["uk_gdpr_6_1_a", "uk_gdpr_6_1_e"])
    assert version.lawful_bases == ["uk_gdpr_6_1_e", "uk_gdpr_6_1_a"]
    assert [basis.citation for basis in version.bases] == ["UK GDPR Article 6(1)(e)", "UK GDPR Article 6(1)(a)"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"label": " "}, "label", "Enter the version number."),
        ({"text": "\n\n"}, "text", "Enter the text of the document."),
        ({"lawful_bases_codes": []}, "lawful_bases", "Select at least one lawful basis the document relies on."),
        ({"lawful_bases_codes": ["uk_gdpr_6_1_e", "goodwill"]}, "lawful_bases", "Unknown lawful basis: goodwill."),
        (
            {"review_on": TODAY},
            "review_on",
            "The review date must be after the date the version takes effect.",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_published(locale, overrides, field, message):
    with pytest.raises(ValidationError) as refused:
        publish(locale, **overrides)
    assert refused.value.message_dict == {field: [message]}
    assert not DocumentVersion.objects.exists()
    assert not AuditEvent.objects.filter(object_type="governance.documentversion").exists()


def test_a_version_number_is_used_once(locale):
    publish(locale, label="3")
    with pytest.raises(ValidationError) as refused:
        publish(locale, label="3", text="Changed.")
    assert refused.value.message_dict == {"label": ["Version 3 already exists. Give the new version a new number."]}
    assert DocumentVersion.objects.count() == 1


@pytest.mark.parametrize("persona", ["coordinator", "police_rep", "chair", "auditor"])
def test_only_a_locality_administrator_publishes(locale, persona):
    with pytest.raises(ValidationError):
        publish(locale, persona=persona)
    assert not DocumentVersion.objects.exists()


def test_each_locality_publishes_its_own(locale, other_locale):
    agreement_signed_by_every_agency(other_locale.locality)
    publish(locale)
    assert agency_may_receive_case_information(other_locale.police)
    assert current_version(locality=other_locale.locality, kind=DocumentKind.AGREEMENT).document.locality == (
        other_locale.locality
    )
