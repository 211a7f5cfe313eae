"""The referral form, for a referrer who reads the pages in Spanish."""

from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.tests.html import parse


def test_the_referral_form_is_in_spanish_for_a_referrer_who_chose_spanish(locale):
    UserPreference.objects.create(user=locale.memberships["police_referrer"].user, language="es")

    response = locale.client("police_referrer").get(reverse("referrals:new"))

    assert response.status_code == 200
    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Nueva derivación"
    assert page.find("button", class_="govuk-button").text.strip() == "Enviar la derivación"
    body = response.content.decode()
    assert "1. La víctima" in body
    assert "¿Ha dado la víctima su consentimiento a esta derivación?" in body
