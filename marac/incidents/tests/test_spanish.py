"""Recording an incident for someone who reads Spanish: the pages are in Spanish, the record stays in English."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.accounts.models import UserPreference
from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.models import Incident
from marac.tests.html import parse

pytestmark = pytest.mark.django_db


def test_a_spanish_reader_records_an_incident_on_spanish_pages_and_the_record_stays_in_english(locale):
    UserPreference.objects.create(user=locale.memberships["housing_rep"].user, language="es")
    client = locale.client("housing_rep")

    page = parse(client.get(reverse("incidents:new")).content.decode())
    assert page.find("h1").text == "Registrar un incidente"
    assert "Registrar el incidente" in [button.text for button in page.find_all("button", type="submit")]
    assert "Leve: sin lesiones ni armas" in page.text

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(
        reverse("incidents:new"),
        {
            "occurred_at": yesterday.isoformat(),
            "occurred_time": "21:40",
            "incident_type": "threats",
            "gravity": "3",
            "victim_given_name": "Marta",
            "victim_family_name": "Kowalska",
            "victim_date_of_birth_day": "12",
            "victim_date_of_birth_month": "4",
            "victim_date_of_birth_year": "1991",
            "children_present": "0",
            "summary": "Threatened her on the phone.",
        },
        follow=True,
    )
    text = html.unescape(response.content.decode())
    assert parse(response.content.decode()).find("h1").text.startswith("Amenazas, incluidas las amenazas de muerte")
    assert "Se ha registrado el incidente de Marta Kowalska." in text
    assert Incident.objects.get().incident_type == "threats"
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="incidents.incident")
    assert event.summary == f"Recorded an incident for {locale.housing}"
