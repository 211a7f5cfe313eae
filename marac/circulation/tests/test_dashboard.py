"""The home page: an agency sees how many circulated cases it still has to research; the coordinator sees which
agencies cannot be e-mailed."""

import pytest
from django.urls import reverse

from marac.meetings.models import MeetingStatus
from marac.meetings.tests.factories import MeetingFactory, ResearchFactory

pytestmark = pytest.mark.django_db


def home(locale, persona) -> str:
    return locale.client(persona).get(reverse("home")).content.decode()


def test_an_agency_sees_the_circulated_cases_it_has_not_researched(locale, list_case):
    circulated = MeetingFactory(locality=locale.locality, invited=[locale.housing])
    researched, _waiting = list_case(circulated), list_case(circulated)
    ResearchFactory(agenda_item=researched, agency=locale.housing)
    list_case(MeetingFactory(locality=locale.locality, invited=[locale.housing], circulated=False))
    list_case(MeetingFactory(locality=locale.locality, invited=[locale.housing], status=MeetingStatus.CLOSED))
    list_case(MeetingFactory(locality=locale.locality, invited=[locale.police]))

    assert "Cases on circulated case lists still to research</a>: <strong>1</strong>" in home(locale, "housing_rep")


def test_the_coordinator_sees_agencies_without_a_point_of_contact(contacts):
    page = home(contacts, "coordinator")

    assert "who cannot be sent notices: <strong>Riverside Hospital</strong>" in page
    assert "still to research" not in page


def test_agencies_with_contacts_leave_no_warning(contacts):
    contacts.health.contact_email = "health.marac@riverside.example.org"
    contacts.health.save()

    assert "cannot be sent notices" not in home(contacts, "coordinator")
