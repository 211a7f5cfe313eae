"""An agency not invited, or a role without meetings, still gets 404 while the meeting is in progress: it is never
sent to the declaration, which would reveal that the meeting and its cases exist."""

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.models import Declaration
from marac.meetings.services import meeting_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(locale, meeting, list_case):
    item = list_case(meeting)
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    return meeting, item


@pytest.mark.parametrize("persona", ["health_rep", "police_referrer", "analyst", "admin", "auditor"])
def test_the_agenda_and_the_declaration_are_404(locale, started, persona):
    meeting, _ = started
    client = locale.client(persona)
    for method, url_name in (("get", "meetings:detail"), ("get", "meetings:declare"), ("post", "meetings:declare")):
        response = getattr(client, method)(reverse(url_name, kwargs={"pk": meeting.pk}))
        assert response.status_code == 404, (method, url_name)
    user = locale.memberships[persona].user
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=user).count() == 3
    assert not Declaration.objects.exists()


@pytest.mark.parametrize(
    ("persona", "url_name"),
    [
        ("health_rep", "meetings:research"),
        ("social_care_rep", "meetings:item"),
        ("housing_rep", "meetings:item"),
        ("idva", "meetings:item"),
        ("coordinator", "meetings:research"),
    ],
)
def test_case_pages_the_role_or_agency_may_not_open_are_404(locale, started, persona, url_name):
    _, item = started
    assert locale.client(persona).get(reverse(url_name, kwargs={"pk": item.pk})).status_code == 404


@pytest.mark.parametrize("persona", ["housing_rep", "idva"])
def test_an_invited_agency_is_404_on_the_chairs_pages_even_after_confirming(locale, started, persona):
    meeting, _ = started
    client = locale.client(persona)
    client.post(reverse("meetings:declare", kwargs={"pk": meeting.pk}))
    for url_name in ("meetings:run", "meetings:close"):
        assert client.get(reverse(url_name, kwargs={"pk": meeting.pk})).status_code == 404


def test_another_locality_gets_404(other_locale, started):
    meeting, _ = started
    for persona in ("coordinator", "chair", "housing_rep"):
        response = other_locale.client(persona).get(reverse("meetings:declare", kwargs={"pk": meeting.pk}))
        assert response.status_code == 404
