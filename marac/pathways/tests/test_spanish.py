"""Pathways for practitioners who read marac in Spanish: the pages, the messages and the errors; stored texts and the
audit trail stay in English."""

import html

from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.audit.models import AuditEvent
from marac.pathways.tests.factories import HIGH, MEDIUM, accept, assess, form_post, pathway, send
from marac.tests.html import parse


def in_spanish(locale, persona: str):
    UserPreference.objects.create(user=locale.memberships[persona].user, language="es")
    return locale.client(persona)


def test_the_lists_and_the_referral_speak_spanish(locale):
    referral = accept(locale, send(locale, pathway(locale)).referral)
    assess(locale, referral, yes=HIGH)
    client = in_spanish(locale, "idva")
    listed = parse(client.get(reverse("pathways:list")).content.decode())
    assert listed.find("h1").text == "Derivaciones por circuito"
    assert "Propuesta para la MARAC" in listed.text
    page = client.get(reverse("pathways:detail", args=[referral.pk])).content.decode()
    assert "Propuesta para una derivación a la MARAC" in page
    assert "Hacer la devolución a la persona que deriva" in page
    assert "Aceptada" in page


def test_the_form_refuses_in_spanish_and_the_audit_stays_english(locale):
    standard = pathway(locale, receiver="housing", name="Policía a vivienda")
    pathway(locale, levels=("medium",), name="Policía al servicio especializado")
    client = in_spanish(locale, "police_referrer")
    page = parse(client.get(reverse("pathways:new")).content.decode())
    assert page.find("h1").text == "Derivar por un circuito"
    refused = html.unescape(client.post(reverse("pathways:new"), form_post(standard, yes=MEDIUM)).content.decode())
    assert "el encaminamiento propone el circuito «Policía al servicio especializado»" in refused
    client.post(reverse("pathways:new"), form_post(standard, yes=MEDIUM, routing_reason="Pidió ayuda con el alquiler."))
    sent = AuditEvent.objects.filter(summary__startswith="Sent pathway referral").get()
    assert sent.summary.endswith("along Policía a vivienda")


def test_the_configuration_speaks_spanish(locale):
    client = in_spanish(locale, "admin")
    page = parse(client.get(reverse("pathways:settings")).content.decode())
    assert page.find("h1").text == "Circuitos y encaminamiento"
    form = parse(client.get(reverse("pathways:pathway_new")).content.decode())
    assert "Organismo receptor" in form.text
