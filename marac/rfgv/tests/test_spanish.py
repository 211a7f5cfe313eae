"""The RFGV settings page for someone who chose Spanish: its words, its fields and its errors are in Spanish."""

import html

import pytest
from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.tests.html import parse

pytestmark = pytest.mark.django_db


def test_the_settings_page_speaks_spanish_to_an_administrator_who_chose_it(locale):
    UserPreference.objects.create(user=locale.memberships["admin"].user, language="es")
    client = locale.client("admin")
    page = parse(client.get(reverse("rfgv:settings")).content.decode())
    assert page.find("h1").text.strip() == "Configuración de la puntuación RFGV"
    buttons = [button.text.strip() for button in page.find_all("button", class_="govuk-button")]
    assert "Guardar la configuración" in buttons
    assert "Periodo de referencia, en meses" in page.find("label", **{"for": "id_window_months"}).text
    refused = html.unescape(client.post(reverse("rfgv:settings"), {"window_months": "tres"}).content.decode())
    assert "Introduzca «periodo de referencia, en meses» como número entero." in refused
