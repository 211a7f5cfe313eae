"""The "must not see" page for a coordinator who reads marac in Spanish."""

from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.testing.factories import CaseFactory
from marac.tests.html import parse


def test_the_must_not_see_page_is_in_spanish_for_a_spanish_reader(locale):
    UserPreference.objects.create(user=locale.memberships["coordinator"].user, language="es")
    case = CaseFactory(locality=locale.locality)
    response = locale.client("coordinator").get(reverse("access:case_exclusions", args=[case.pk]))
    assert response.status_code == 200
    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Quién no debe ver este caso"
    buttons = [button.text.strip() for button in page.find_all("button")]
    assert "Excluir a esta persona" in buttons
    assert "Bar this person" not in buttons
