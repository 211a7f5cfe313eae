"""The roles and kinds of agency, as a Spanish reader sees them on her pages."""

from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.tests.html import parse


def test_her_role_is_named_in_spanish_on_the_home_page(locale):
    UserPreference.objects.create(user=locale.memberships["coordinator"].user, language="es")
    response = locale.client("coordinator").get(reverse("home"))
    assert response.status_code == 200
    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Su trabajo"
    assert "Actúa como <strong>Coordinador/a</strong>" in response.content.decode()
