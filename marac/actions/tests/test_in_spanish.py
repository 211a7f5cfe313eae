"""An agency's actions for a representative who reads marac in Spanish."""

from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.actions.tests.factories import ActionFactory
from marac.testing.factories import CaseFactory
from marac.tests.html import parse


def test_our_actions_are_in_spanish_for_a_spanish_reader(locale):
    UserPreference.objects.create(user=locale.memberships["police_rep"].user, language="es")
    ActionFactory(case=CaseFactory(locality=locale.locality), owner_agency=locale.police, text="Fit an alarm")
    response = locale.client("police_rep").get(reverse("actions:ours"))
    assert response.status_code == 200
    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Nuestras acciones"
    assert [button.text.strip() for button in page.find_all("button")][-1] == "Mostrar acciones"
    body = response.content.decode()
    assert "1 acción." in body
    assert ">Abierta<" in body
