"""The decision on a pair, for a coordinator who reads the pages in Spanish."""

from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.duplicates.tests.factories import candidate_for
from marac.testing.factories import PersonFactory
from marac.tests.html import parse


def test_the_decision_page_is_in_spanish_for_a_coordinator_who_chose_spanish(locale):
    UserPreference.objects.create(user=locale.memberships["coordinator"].user, language="es")
    candidate = candidate_for(PersonFactory(locality=locale.locality))

    response = locale.client("coordinator").get(reverse("duplicates:detail", args=[candidate.pk]))

    assert response.status_code == 200
    page = parse(response.content.decode())
    assert page.find("h1").text.split()[:5] == ["¿Se", "trata", "de", "la", "misma"]
    assert "Pendiente de decisión" in page.find("h1").text
    buttons = [button.text.strip() for button in page.find_all("button", class_="govuk-button")]
    assert "Registrar la decisión" in buttons
    assert "Are these the same person?" not in response.content.decode()
