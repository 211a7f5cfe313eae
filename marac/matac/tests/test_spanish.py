"""The MATAC overview for someone who chose Spanish: its heading and its buttons are in Spanish."""

import pytest
from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.tests.html import parse

pytestmark = pytest.mark.django_db


def test_the_overview_speaks_spanish_to_a_coordinator_who_chose_it(locale):
    UserPreference.objects.create(user=locale.memberships["coordinator"].user, language="es")
    page = parse(locale.client("coordinator").get(reverse("matac:overview")).content.decode())
    assert page.find("h1").text.strip() == "MATAC: actuación multiagencia sobre agresores en serie"
    buttons = [link.text.strip() for link in page.find_all("a", class_="govuk-button")]
    assert "Proponer a un agresor" in buttons
    assert "Planificar una reunión MATAC" in buttons
    assert "Nobody is on MATAC now." not in page.text
