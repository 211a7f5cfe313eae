"""The protocol's duties: every member reads them, linked from the protocol page; the coordinator or the locality
administrator changes them, with the time to answer, and the change is audited."""

import pytest
from django.urls import reverse

from marac.agencies.models import AgencyType
from marac.audit.models import AuditAction, AuditEvent
from marac.duties.models import DutySettings, EventKind, ProtocolDuty
from marac.duties.tests.factories import protocol_lists
from marac.duties.tests.helpers import text_of
from marac.governance.tests.factories import DocumentVersionFactory

pytestmark = pytest.mark.django_db


def test_every_member_reads_the_duties_from_the_protocol_page(locale):
    DocumentVersionFactory(document__locality=locale.locality, document__kind="protocol")
    protocol_lists(locale.locality, (AgencyType.HOUSING, EventKind.VICTIM_MOVED))
    client = locale.client("analyst")
    documents = text_of(client.get(reverse("governance:documents")))
    assert reverse("duties:protocol") in documents
    response = client.get(reverse("duties:protocol"))
    rows = {row.agency_type: row.events for row in response.context["rows"]}
    assert rows[AgencyType.HOUSING] == [kind == EventKind.VICTIM_MOVED for kind in EventKind.values]
    assert not any(rows[AgencyType.POLICE])
    text = text_of(response)
    assert "An agency has 48 hours to answer." in text
    assert "Change the duties" not in text


def test_the_administrator_sets_the_duties_and_the_time_to_answer(locale):
    protocol_lists(locale.locality, (AgencyType.HOUSING, EventKind.VICTIM_MOVED), (AgencyType.POLICE, EventKind.BREACH))
    client = locale.client("admin")
    assert "Change the duties" in text_of(client.get(reverse("duties:protocol")))
    form = client.get(reverse("duties:protocol_edit")).context["form"]
    assert form["type_housing"].value() == ["victim_moved"] and form["answer_within_hours"].value() == 48

    response = client.post(
        reverse("duties:protocol_edit"),
        {
            "type_police": ["breach", "new_incident"],
            "type_health": ["disclosure"],
            "answer_within_hours": "24",
        },
    )

    assert response.status_code == 302 and response.url == reverse("duties:protocol")
    assert set(ProtocolDuty.objects.filter(locality=locale.locality).values_list("agency_type", "event_kind")) == {
        ("police", "breach"),
        ("police", "new_incident"),
        ("health", "disclosure"),
    }
    assert DutySettings.objects.get(locality=locale.locality).answer_within_hours == 24
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, summary="Changed the protocol's referral-back duties")
    assert event.detail == {
        "added": [["health", "disclosure"], ["police", "new_incident"]],
        "removed": [["housing", "victim_moved"]],
        "answer_within_hours": [48, 24],
    }


def test_the_time_to_answer_is_checked(locale):
    response = locale.client("coordinator").post(reverse("duties:protocol_edit"), {"answer_within_hours": "0"})
    assert response.status_code == 200
    assert "Give at least one hour." in text_of(response)
    assert not DutySettings.objects.exists()


def test_only_the_coordinator_and_the_administrator_change_them(locale):
    for persona in ("chair", "police_rep", "idva", "analyst", "auditor"):
        assert (
            locale.client(persona).post(reverse("duties:protocol_edit"), {"answer_within_hours": "5"}).status_code
            == 404
        )
    assert not DutySettings.objects.exists()


def test_another_localitys_protocol_is_its_own(locale, other_locale):
    protocol_lists(other_locale.locality, (AgencyType.HOUSING, EventKind.DISCLOSURE))
    rows = locale.client("housing_rep").get(reverse("duties:protocol")).context["rows"]
    assert not any(row.any for row in rows)
