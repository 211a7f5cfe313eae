"""The agenda in Spanish for a coordinator who chose Spanish: heading, caption, counts and the button to start."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.accounts.models import UserPreference
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from marac.tests.html import parse

pytestmark = pytest.mark.django_db


def test_the_agenda_speaks_spanish_to_a_coordinator_who_chose_it(locale):
    UserPreference.objects.create(user=locale.memberships["coordinator"].user, language="es")
    meeting = MeetingFactory(
        locality=locale.locality,
        scheduled_for=timezone.make_aware(dt.datetime(2026, 1, 14, 10, 0)),
        invited=[locale.police, locale.housing],
    )
    AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)
    response = locale.client("coordinator").get(reverse("meetings:detail", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Reunión en directo 14 Ene 2026"
    assert page.find("span", class_="govuk-caption-l").text.strip() == "Orden del día"
    assert "Casos (1)" in [heading.text.strip() for heading in page.find_all("h2")]
    buttons = [button.text.strip() for button in page.find_all("a", class_="govuk-button")]
    assert buttons == ["Iniciar y dirigir la reunión"]
    assert "Start and run the meeting" not in response.content.decode()
