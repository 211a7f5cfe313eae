"""Finding a person for subject access, for a coordinator who reads the pages in Spanish."""

from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.tests.html import parse


def test_the_subject_access_search_is_in_spanish_for_a_coordinator_who_chose_spanish(locale):
    UserPreference.objects.create(user=locale.memberships["coordinator"].user, language="es")

    response = locale.client("coordinator").get(reverse("people:subject_access_find"))

    assert response.status_code == 200
    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Derecho de acceso: buscar a una persona"
    assert page.find("button", class_="govuk-button").text.strip() == "Buscar"
    assert "Nombre, otro nombre o referencia del caso" in response.content.decode()
