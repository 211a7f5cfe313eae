"""Each list of this increment costs the same number of queries for one record as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marac.agencies.models import Role
from marac.api.tests.factories import system_client
from marac.incidents.imports.tests.factories import finished_import
from marac.meetings.models import ResearchFinding
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory, ResearchFactory, add_perpetrator
from marac.people.models import Alias
from marac.testing.factories import PersonFactory, ReferralFactory

SCOPES = ["incident.import", "meeting.list", "person.subject_access"]


@pytest.fixture
def coordinator(locale):
    return system_client(locale.idva_service, Role.COORDINATOR, SCOPES)


@pytest.fixture
def housing(locale):
    return system_client(locale.housing, Role.AGENCY_REP, ["incident.import", "meeting.list"])


def queries(http, url: str, params: dict | None = None) -> int:
    # A token's first call of the minute also records its use: count a call after that one.
    http.get(url, params or {})
    with CaptureQueriesContext(connection) as captured:
        response = http.get(url, params or {})
    assert response.status_code == 200, response.json()
    return len(captured)


def add_cases(locale, meeting, count: int) -> None:
    for _ in range(count):
        item = AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)
        Alias.objects.create(person=item.case.victim, name="Synthetic Alias")
        add_perpetrator(item.case, "Dale", "Synthetic", aliases=["D Synthetic"])
        ResearchFactory(agenda_item=item, agency=locale.housing, finding=ResearchFinding.NO_TRACE)


@pytest.mark.parametrize("persona", ["coordinator", "housing"])
def test_the_agenda(locale, request, persona):
    http = request.getfixturevalue(persona)
    small, large = MeetingFactory(locality=locale.locality), MeetingFactory(locality=locale.locality)
    add_cases(locale, small, 1)
    add_cases(locale, large, 8)
    one = queries(http, f"/api/v1/meetings/{small.pk}/agenda/")
    assert queries(http, f"/api/v1/meetings/{large.pk}/agenda/") == one


@pytest.mark.parametrize("persona", ["coordinator", "housing"])
def test_the_meeting_list(locale, request, persona):
    http = request.getfixturevalue(persona)
    add_cases(locale, MeetingFactory(locality=locale.locality), 1)
    one = queries(http, "/api/v1/meetings/")
    for _ in range(6):
        add_cases(locale, MeetingFactory(locality=locale.locality), 2)
    assert queries(http, "/api/v1/meetings/") == one


def test_the_people_search(locale, coordinator):
    def victim_of_a_case():
        person = PersonFactory(locality=locale.locality, family_name="Synthetic")
        ReferralFactory(case__locality=locale.locality, case__victim=person, referring_agency=locale.police)

    victim_of_a_case()
    one = queries(coordinator, "/api/v1/people/", {"name": "Synthetic"})
    for _ in range(8):
        victim_of_a_case()
    assert queries(coordinator, "/api/v1/people/", {"name": "Synthetic"}) == one


@pytest.mark.parametrize("persona", ["coordinator", "housing"])
def test_the_import_list(locale, request, persona):
    http = request.getfixturevalue(persona)
    finished_import(agency=locale.housing)
    one = queries(http, "/api/v1/incidents/imports/")
    for agency in [locale.housing, locale.police] * 4:
        finished_import(agency=agency)
    assert queries(http, "/api/v1/incidents/imports/") == one
