"""An agenda item on a meeting in progress, where actions are agreed."""

import pytest

from marac.actions.models import CatalogueAction
from marac.agencies.models import AgencyType
from marac.meetings.services import meeting_start
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory, confirm_declarations


@pytest.fixture
def item(locale):
    meeting = MeetingFactory(locality=locale.locality, invited=[locale.police, locale.housing, locale.idva_service])
    item = AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair", "coordinator")
    return item


@pytest.fixture
def alarm():
    return CatalogueAction.objects.get(agency_type=AgencyType.POLICE, text="Provide the victim with a personal alarm")
