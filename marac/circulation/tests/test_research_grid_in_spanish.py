"""The research grid in Spanish for a coordinator who chose Spanish: headings, late tags and the reminder button."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.accounts.models import UserPreference
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from marac.tests.html import parse

pytestmark = pytest.mark.django_db


def test_the_research_grid_speaks_spanish_to_a_coordinator_who_chose_it(locale):
    UserPreference.objects.create(user=locale.memberships["coordinator"].user, language="es")
    meeting = MeetingFactory(
        locality=locale.locality,
        research_deadline=timezone.now() - dt.timedelta(hours=1),
        invited=[locale.police, locale.housing],
    )
    AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)
    response = locale.client("coordinator").get(reverse("circulation:research_grid", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    page = parse(response.content.decode())
    assert page.find("span", class_="govuk-caption-l").text.strip() == "Investigación aportada"
    assert [heading.text.strip() for heading in page.find_all("h2")] == ["Por organismo", "Por caso"]
    button = page.find("button", class_="govuk-button")
    assert button.text.strip() == "Enviar recordatorios a los organismos fuera de plazo"
    # Neither agency has returned research on the one case, past the deadline: late in both tables, for each.
    late = [tag.text.strip() for tag in page.find_all("strong", class_="govuk-tag--red")]
    assert late.count("1 fuera de plazo") == 2
    assert sum(tag.startswith("Fuera de plazo") for tag in late) == 2
