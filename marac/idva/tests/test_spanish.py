"""Recording contact with the victim, for an IDVA who reads the pages in Spanish."""

from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.idva.tests.factories import allocated_case
from marac.tests.html import parse


def test_the_contact_form_is_in_spanish_for_an_idva_who_chose_spanish(locale):
    UserPreference.objects.create(user=locale.memberships["idva"].user, language="es")
    case = allocated_case(locale)

    response = locale.client("idva").get(reverse("idva:contact_new", kwargs={"case_pk": case.pk}))

    assert response.status_code == 200
    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Registrar un contacto con la víctima"
    assert page.find("button", class_="govuk-button").text.strip() == "Guardar contacto"
    assert "¿Consiguió hablar con ella?" in response.content.decode()
