"""The breach form for someone who reads Spanish: the page is in Spanish, the record it makes stays in English."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.accounts.models import UserPreference
from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.tests.helpers import scene
from marac.perpetrators.models import Breach
from marac.perpetrators.tests.factories import order_on
from marac.tests.html import parse

pytestmark = pytest.mark.django_db


def test_a_spanish_reader_records_a_breach_on_spanish_pages_and_the_record_stays_in_english(locale):
    s = scene(locale, referred_months_ago=2)
    order = order_on(s.case, owner=locale.police, perpetrator=s.perpetrator)
    UserPreference.objects.create(user=locale.memberships["police_rep"].user, language="es")
    client = locale.client("police_rep")

    page = parse(client.get(reverse("perpetrators:breach_new", args=[order.pk])).content.decode())
    assert page.find("h1").text == "Registrar un incumplimiento"
    assert "Registrar el incumplimiento" in [button.text for button in page.find_all("button", type="submit")]
    assert page.find("span", class_="govuk-caption-l").text == (
        f"Orden de alejamiento {order.pk} contra {s.perpetrator.full_name}"
    )
    assert "La orden en su conjunto" in page.text

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(
        reverse("perpetrators:breach_new", args=[order.pk]),
        {
            "condition": "whole",
            "occurred_at": yesterday.strftime("%d/%m/%Y"),
            "occurred_time": "21:00",
            "reported_at": yesterday.strftime("%d/%m/%Y"),
            "reported_time": "22:00",
            "gravity": "2",
            "description": "Waited outside her work.",
        },
        follow=True,
    )
    assert "Incumplimiento registrado." in response.content.decode()
    breach = Breach.objects.get()
    assert breach.incident.summary == f"Breach of restraining order {order.pk}. Waited outside her work."
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="perpetrators.breach")
    assert event.summary == f"Recorded a breach of restraining order {order.pk}"
