"""Signing the agreement, for an agency's representative who reads marac in Spanish."""

from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.governance.models import DocumentKind
from marac.governance.tests.factories import DocumentVersionFactory
from marac.tests.html import parse


def test_the_signing_page_is_in_spanish_for_a_spanish_reader(locale):
    UserPreference.objects.create(user=locale.memberships["police_rep"].user, language="es")
    version = DocumentVersionFactory(
        document__locality=locale.locality, document__kind=DocumentKind.AGREEMENT, label="3"
    )
    response = locale.client("police_rep").get(reverse("governance:sign", args=[version.pk]))
    assert response.status_code == 200
    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Firmar el acuerdo de intercambio de información, versión 3"
    buttons = [button.text.strip() for button in page.find_all("button")]
    assert f"Firmar en nombre de {locale.police.name}" in buttons
    assert "Bases jurídicas" in response.content.decode()
