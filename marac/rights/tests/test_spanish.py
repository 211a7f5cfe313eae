"""The rights log, the release pages and the provisions checklist for readers who chose Spanish."""

from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.rights.tests.factories import choice, notification, victim_case
from marac.tests.html import parse


def in_spanish(locale, persona):
    UserPreference.objects.create(user=locale.memberships[persona].user, language="es")
    return locale.client(persona)


def test_the_rights_log_is_in_spanish(locale):
    case = victim_case(locale)
    choice(locale, case, wants=True)
    notification(locale, case, opted_in=True)

    response = in_spanish(locale, "idva").get(reverse("rights:log", kwargs={"case_pk": case.pk}))

    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Registro de derechos de la víctima"
    text = response.content.decode()
    assert "Quiere que se le comunique." in text
    assert "Queda 1 comunicación por dar." in text
    assert "Hay que comunicárselo" in text
    assert "DDV art. 4" in text


def test_the_provisions_checklist_is_in_spanish_on_the_protocol_page(locale):
    response = in_spanish(locale, "police_referrer").get(reverse("governance:documents"))

    text = response.content.decode()
    assert "Derechos de las víctimas: qué cumple cada parte del proceso" in text
    assert "Evaluación individual de sus necesidades de protección" in text
    assert "CE art. 51" in text


def test_the_release_form_is_in_spanish(locale):
    case = victim_case(locale)
    person = case.parties.get().person

    response = in_spanish(locale, "coordinator").get(
        reverse("rights:custody_event_new", kwargs={"person_pk": person.pk})
    )

    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Registrar que salió en libertad o se fugó"
    assert "Fugado" in response.content.decode()
