"""The case page lists the incidents about the victim, from any agency, to readers with shared detail or more."""

import html

import pytest
from django.urls import reverse

from marac.access.tests.world import build_world
from marac.incidents.models import IncidentType
from marac.incidents.tests.factories import IncidentFactory, perpetrator_of

pytestmark = pytest.mark.django_db

SUMMARY = "Grabbed her by the throat in the kitchen; the children were upstairs."


@pytest.fixture
def world(locale):
    world = build_world(locale)
    IncidentFactory(
        locality=locale.locality,
        source_agency=locale.health,
        victim=world.case.victim,
        perpetrator=perpetrator_of(world.case),
        incident_type=IncidentType.STRANGULATION,
        children_present=2,
        summary=SUMMARY,
    )
    return world


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("coordinator", True),  # full detail
        ("idva", True),  # her service's case: full detail
        ("police_rep", True),  # at the held meeting: shared detail
        ("health_rep", False),  # invited to the coming meeting only: identifiers for research
    ],
)
def test_incidents_are_shown_from_shared_detail(locale, world, persona, shown):
    response = locale.client(persona).get(reverse("referrals:case_detail", args=[world.case.pk]))
    text = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert ("Incidents about the victim" in text) is shown
    assert (SUMMARY in text) is shown
    if shown:
        assert "Strangulation, choking or suffocation" in text and "Riverside Hospital" in text
