"""The auditor's search for an auditor who reads marac in Spanish."""

from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.tests.html import parse


def test_the_audit_search_is_in_spanish_for_a_spanish_reader(locale):
    UserPreference.objects.create(user=locale.memberships["auditor"].user, language="es")
    response = locale.client("auditor").get(reverse("audit:search"))
    assert response.status_code == 200
    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Buscar en el registro de auditoría"
    assert "Buscar" in [button.text.strip() for button in page.find_all("button")]
    assert "Qué se hizo" in response.content.decode()
