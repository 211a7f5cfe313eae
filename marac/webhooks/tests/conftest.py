"""The site's address in every delivery, and a meeting in progress where actions are agreed."""

import pytest

from marac.meetings.services import meeting_start
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory, confirm_declarations


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.MARAC_SITE_URL = "https://marac.example"


@pytest.fixture
def item(locale):
    meeting = MeetingFactory(locality=locale.locality, invited=[locale.police, locale.housing, locale.health])
    item = AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair", "coordinator")
    return item
