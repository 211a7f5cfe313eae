"""Sending a case to another area, for a coordinator who reads marac in Spanish."""

from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.testing.factories import CaseFactory
from marac.tests.html import parse


def test_the_transfer_request_page_is_in_spanish_for_a_spanish_reader(locale):
    UserPreference.objects.create(user=locale.memberships["coordinator"].user, language="es")
    case = CaseFactory(locality=locale.locality)
    response = locale.client("coordinator").get(reverse("transfers:new", args=[case.pk]))
    assert response.status_code == 200
    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Trasladar el caso a otra zona"
    assert "Pedir a la zona que se haga cargo del caso" in [button.text.strip() for button in page.find_all("button")]
    assert "¿A qué zona se traslada el caso?" in response.content.decode()
