"""Points of contact for the `locale` agencies (health has none), and a meeting listing cases in ten days."""

import datetime as dt

import pytest
from django.utils import timezone

from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory

CONTACTS = {
    "police": "police.marac@riverside.example.org",
    "housing": "housing.marac@riverside.example.org",
    "idva_service": "idva.marac@riverside.example.org",
    "childrens_social_care": "children.marac@riverside.example.org",
}
COORDINATOR_MAILBOX = "coordinator.marac@riverside.example.org"
NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))


@pytest.fixture
def contacts(locale):
    """Every agency but health has an e-mail point of contact; the locality has a coordinator mailbox."""
    for name, address in CONTACTS.items():
        agency = getattr(locale, name)
        agency.contact_email = address
        agency.save(update_fields=["contact_email"])
    locale.locality.coordinator_email = COORDINATOR_MAILBOX
    locale.locality.save(update_fields=["coordinator_email"])
    return locale


@pytest.fixture
def upcoming(contacts):
    """A live meeting ten days after NOW, its list not circulated; the locality circulates 7 days ahead."""
    locale = contacts
    return MeetingFactory(
        locality=locale.locality,
        scheduled_for=NOW + dt.timedelta(days=10),
        invited=[locale.police, locale.housing, locale.idva_service, locale.health],
        circulated=False,
    )


@pytest.fixture
def list_case(locale):
    def _list_case(meeting):
        return AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)

    return _list_case


def addresses(messages) -> list[str]:
    return sorted(address for message in messages for address in message.to)
