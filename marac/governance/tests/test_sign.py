"""An agency's representative, or the coordinator for her own agency, signs the current version for their agency:
once; signing again changes nothing; a replaced version cannot be signed; nobody else signs."""

import pytest
from django.core.exceptions import ValidationError

from marac.audit.models import AuditAction, AuditEvent
from marac.governance.models import DocumentKind, Signature
from marac.governance.selectors import agency_may_receive_case_information
from marac.governance.services import document_sign
from marac.governance.tests.factories import DocumentVersionFactory


def sign(locale, version, persona: str = "police_rep", **overrides):
    fields = {"signer_name": "Karen Ellison", "signer_role": "Detective Inspector"} | overrides
    return document_sign(actor=locale.actor(persona), version=version, **fields)


@pytest.fixture
def agreement(locale):
    return DocumentVersionFactory(document__locality=locale.locality, document__kind=DocumentKind.AGREEMENT)


def test_a_representative_signs_for_her_agency(locale, agreement):
    signature, created = sign(locale, agreement, signer_name="  Karen Ellison ", signer_role=" DI ")

    assert created
    assert signature.agency == locale.police
    assert signature.version == agreement
    assert signature.signed_by == locale.memberships["police_rep"].user
    assert (signature.signer_name, signature.signer_role) == ("Karen Ellison", "DI")
    assert agency_may_receive_case_information(locale.police)
    assert not agency_may_receive_case_information(locale.housing)
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="governance.signature")
    assert event.agency == locale.police
    assert event.detail["version"] == agreement.pk


def test_the_coordinator_signs_for_her_own_agency(locale, agreement):
    signature, _created = sign(locale, agreement, persona="coordinator")
    assert signature.agency == locale.idva_service


def test_signing_again_changes_nothing(locale, agreement):
    first, _ = sign(locale, agreement)
    again, created = sign(locale, agreement, signer_name="Someone Else")

    assert not created
    assert again == first
    assert Signature.objects.get().signer_name == "Karen Ellison"
    assert AuditEvent.objects.filter(object_type="governance.signature").count() == 1


def test_a_replaced_version_cannot_be_signed(locale, agreement):
    newer = DocumentVersionFactory(document=agreement.document, label="later")

    with pytest.raises(ValidationError) as refused:
        sign(locale, agreement)

    assert refused.value.messages == [
        f"Version {agreement.label} has been replaced by version later. Read and sign the current version instead."
    ]
    assert not Signature.objects.exists()
    assert not agency_may_receive_case_information(locale.police)
    sign(locale, newer)
    assert agency_may_receive_case_information(locale.police)


@pytest.mark.parametrize("persona", ["police_referrer", "idva", "chair", "admin", "analyst", "auditor"])
def test_only_representatives_and_the_coordinator_sign(locale, agreement, persona):
    with pytest.raises(ValidationError):
        sign(locale, agreement, persona=persona)
    assert not Signature.objects.exists()


def test_another_localitys_document_cannot_be_signed(locale, other_locale):
    theirs = DocumentVersionFactory(document__locality=other_locale.locality)
    with pytest.raises(ValidationError):
        sign(locale, theirs)
    assert not Signature.objects.exists()


def test_name_and_role_are_required(locale, agreement):
    with pytest.raises(ValidationError) as refused:
        sign(locale, agreement, signer_name=" ", signer_role="")
    assert refused.value.message_dict == {
        "signer_name": ["Enter your name as you sign."],
        "signer_role": ["Enter your role in your agency."],
    }
    assert not Signature.objects.exists()
