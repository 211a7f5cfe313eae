"""The duties' pages for people who read marac in Spanish."""

import pytest
from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.duties.tests.factories import duty_on
from marac.duties.tests.helpers import known_case, text_of
from marac.tests.html import parse

pytestmark = pytest.mark.django_db


def _in_spanish(locale, persona: str):
    UserPreference.objects.create(user=locale.memberships[persona].user, language="es")
    return locale.client(persona)


def test_the_coordinators_list_of_unmet_duties_is_in_spanish(locale):
    s = known_case(locale)
    duty_on(s.case, agency=locale.housing, due_in_hours=-3)
    response = _in_spanish(locale, "coordinator").get(reverse("duties:monitor"))
    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Obligaciones de nueva derivación incumplidas"
    text = text_of(response)
    assert "Incumplidas (1)" not in text and "Incumplida (1)" in text
    assert "Revelación de malos tratos" in text


def test_the_duty_page_and_its_forms_are_in_spanish(locale):
    s = known_case(locale)
    duty = duty_on(s.case, agency=locale.housing)
    client = _in_spanish(locale, "housing_rep")
    detail = text_of(client.get(reverse("duties:detail", args=[duty.pk])))
    assert f"Volver a derivar el caso {s.case.reference} tras: revelación de malos tratos" in detail
    assert "Volver a derivar el caso" in detail and "No volver a derivar" in detail
    decline = client.post(reverse("duties:decline", args=[duty.pk]), {"reason": ""})
    assert "Indique por qué su organismo no vuelve a derivar el caso." in text_of(decline)
    event = text_of(client.get(reverse("duties:event_new", args=[s.case.pk])))
    assert "Registrar una revelación o la mudanza de la víctima" in event and "La víctima se muda" in event
    assert "Obligaciones de nueva derivación según el protocolo" in text_of(client.get(reverse("duties:protocol")))
