"""A version on its own page (with its signatures), publishing a new version, and signing: each only for the acting
member's own locality, 404 for anyone else's."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.governance.models import DocumentKind, DocumentVersion, Signature
from marac.governance.selectors import agency_may_receive_case_information, current_version
from marac.governance.tests.factories import DocumentVersionFactory, SignatureFactory


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def detail_url(version) -> str:
    return reverse("governance:version_detail", kwargs={"pk": version.pk})


def sign_url(version) -> str:
    return reverse("governance:sign", kwargs={"pk": version.pk})


NEW_AGREEMENT = reverse("governance:version_new", kwargs={"kind": "agreement"})


def denied(locale, persona: str) -> bool:
    return AuditEvent.objects.filter(action=AuditAction.DENIED, actor=locale.memberships[persona].user).exists()


# The version page ----------------------------------------------------------------------------------------------------


def test_an_earlier_version_with_its_signatures(locale):
    old = DocumentVersionFactory(document__locality=locale.locality, label="1", text="The old wording.")
    new = DocumentVersionFactory(document=old.document, label="2")
    SignatureFactory(version=old, agency=locale.health, signer_name="Ruth Okoye", signer_role="Named Nurse")

    response = locale.client("health_rep").get(detail_url(old))

    text = text_of(response)
    assert "The old wording." in text
    assert "Replaced" in text
    assert detail_url(new) in text
    assert "Ruth Okoye" in text and "Named Nurse" in text
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(old.pk)).exists()


def test_another_localitys_version_is_not_found(locale, other_locale):
    theirs = DocumentVersionFactory(document__locality=other_locale.locality)
    assert locale.client("coordinator").get(detail_url(theirs)).status_code == 404
    assert denied(locale, "coordinator")


def test_an_unknown_version_is_not_found(locale):
    assert (
        locale.client("coordinator").get(reverse("governance:version_detail", kwargs={"pk": 999999})).status_code == 404
    )


# Publishing ----------------------------------------------------------------------------------------------------------


def publish_form(**overrides) -> dict:
    today = timezone.localdate()
    return {
        "label": "3",
        "effective_on": today.isoformat(),
        "review_on": (today + dt.timedelta(days=365)).isoformat(),
        "lawful_bases": ["uk_gdpr_6_1_e", "uk_gdpr_9_2_g_safeguarding"],
        "text": "One.\n\nTwo.",
        "summary_of_changes": "",
    } | overrides


def test_the_form_starts_from_the_current_version(locale):
    DocumentVersionFactory(document__locality=locale.locality, text="Current words.", lawful_bases=["dpa_2018_part_3"])
    form = locale.client("admin").get(NEW_AGREEMENT).context["form"]
    assert form.initial["text"] == "Current words."
    assert form.initial["lawful_bases"] == ["dpa_2018_part_3"]
    assert form.initial["effective_on"] == timezone.localdate()


def test_publishing_redirects_to_the_documents_with_a_message(locale):
    response = locale.client("admin").post(NEW_AGREEMENT, publish_form(), follow=True)

    version = current_version(locality=locale.locality, kind=DocumentKind.AGREEMENT)
    assert version.label == "3"
    assert version.paragraphs == ["One.", "Two."]
    assert response.redirect_chain == [(reverse("governance:documents") + "#agreement-current", 302)]
    assert "Published information-sharing agreement version 3. Every member agency must now sign it." in text_of(
        response
    )


def test_bad_input_shows_the_errors_and_publishes_nothing(locale):
    response = locale.client("admin").post(
        NEW_AGREEMENT, publish_form(label="", lawful_bases=[], review_on=timezone.localdate().isoformat())
    )
    assert response.status_code == 200
    text = text_of(response)
    assert "There is a problem" in text
    assert "Enter the version number." in text
    assert "Select at least one lawful basis the document relies on." in text
    assert not DocumentVersion.objects.exists()


def test_a_rule_the_service_keeps_shows_on_the_form(locale):
    response = locale.client("admin").post(NEW_AGREEMENT, publish_form(review_on=timezone.localdate().isoformat()))
    assert response.context["form"].errors == {
        "review_on": ["The review date must be after the date the version takes effect."]
    }
    assert not DocumentVersion.objects.exists()


def test_an_unknown_kind_is_not_found(locale):
    response = locale.client("admin").get(reverse("governance:version_new", kwargs={"kind": "minutes"}))
    assert response.status_code == 404
    assert denied(locale, "admin")


@pytest.mark.parametrize("persona", ["coordinator", "police_rep"])
def test_only_the_administrator_may_publish(locale, persona):
    assert locale.client(persona).post(NEW_AGREEMENT, publish_form()).status_code == 404
    assert not DocumentVersion.objects.exists()
    assert denied(locale, persona)


# Signing -------------------------------------------------------------------------------------------------------------

SIGNED = {"signer_name": "Tom Birch", "signer_role": "Housing Options Manager", "confirm": "on"}


def test_signing_from_the_page(locale):
    version = DocumentVersionFactory(document__locality=locale.locality, text="Read me.")
    page = locale.client("housing_rep").get(sign_url(version))
    assert "Read me." in text_of(page)
    assert page.context["form"].initial["signer_name"] == locale.memberships["housing_rep"].user.get_full_name()

    response = locale.client("housing_rep").post(sign_url(version), SIGNED, follow=True)

    assert response.redirect_chain == [(reverse("governance:documents") + "#agreement-current", 302)]
    assert f"Riverside Housing has signed information-sharing agreement version {version.label}." in text_of(response)
    signature = Signature.objects.get()
    assert (signature.agency, signature.signer_name) == (locale.housing, "Tom Birch")
    assert agency_may_receive_case_information(locale.housing)


def test_signing_needs_the_confirmation(locale):
    version = DocumentVersionFactory(document__locality=locale.locality)
    response = locale.client("housing_rep").post(sign_url(version), {**SIGNED, "confirm": ""})
    assert "Confirm that you have read this version and may sign it for your agency." in text_of(response)
    assert not Signature.objects.exists()


def test_signing_twice_says_so_and_changes_nothing(locale):
    version = DocumentVersionFactory(document__locality=locale.locality)
    client = locale.client("housing_rep")
    client.post(sign_url(version), SIGNED)
    response = client.post(sign_url(version), {**SIGNED, "signer_name": "Another Name"}, follow=True)
    assert "had already signed version" in text_of(response)
    assert Signature.objects.get().signer_name == "Tom Birch"


def test_signing_a_replaced_version_is_refused(locale):
    old = DocumentVersionFactory(document__locality=locale.locality, label="1")
    DocumentVersionFactory(document=old.document, label="2")
    client = locale.client("housing_rep")
    assert "This version has been replaced." in text_of(client.get(sign_url(old)))
    response = client.post(sign_url(old), SIGNED)
    assert response.status_code == 200
    assert "Version 1 has been replaced by version 2. Read and sign the current version instead." in text_of(response)
    assert not Signature.objects.exists()


@pytest.mark.parametrize("persona", ["police_referrer", "idva", "chair", "admin"])
def test_who_may_not_sign_gets_not_found(locale, persona):
    version = DocumentVersionFactory(document__locality=locale.locality)
    assert locale.client(persona).post(sign_url(version), SIGNED).status_code == 404
    assert not Signature.objects.exists()
    assert denied(locale, persona)


def test_another_localitys_version_cannot_be_signed(locale, other_locale):
    theirs = DocumentVersionFactory(document__locality=other_locale.locality)
    assert locale.client("housing_rep").post(sign_url(theirs), SIGNED).status_code == 404
    assert not Signature.objects.exists()
    assert denied(locale, "housing_rep")
