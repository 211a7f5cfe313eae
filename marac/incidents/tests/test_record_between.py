"""An incident between people another record already identifies: no matching by name and date of birth."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.models import Incident, IncidentType
from marac.incidents.services import IncidentInput, incident_record_between
from marac.testing.factories import LocalityFactory, PersonFactory


def _input(**changes) -> IncidentInput:
    values = {
        "occurred_at": timezone.now() - dt.timedelta(hours=2),
        "incident_type": IncidentType.BREACH,
        "gravity": 2,
        "victim": None,
        "summary": "Came to her door against the order.",
    }
    return IncidentInput(**(values | changes))


def test_the_incident_is_between_exactly_those_records(locale):
    victim = PersonFactory(locality=locale.locality, date_of_birth=None)
    namesake = PersonFactory(locality=locale.locality, given_name=victim.given_name, family_name=victim.family_name)
    perpetrator = PersonFactory(locality=locale.locality)

    outcome = incident_record_between(
        actor=locale.actor("police_rep"), victim=victim, perpetrator=perpetrator, data=_input()
    )

    incident = Incident.objects.get()
    assert (incident.victim, incident.perpetrator, incident.source_agency) == (victim, perpetrator, locale.police)
    assert incident.victim != namesake and outcome.incident == incident
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(incident.pk))
    assert event.detail["victim"] == victim.pk and event.detail["perpetrator"] == perpetrator.pk


def test_people_of_another_locality_and_roles_that_do_not_record_incidents_are_refused(locale):
    victim = PersonFactory(locality=locale.locality)
    stranger = PersonFactory(locality=LocalityFactory())
    with pytest.raises(PermissionDenied):
        incident_record_between(actor=locale.actor("police_rep"), victim=victim, perpetrator=stranger, data=_input())
    with pytest.raises(PermissionDenied):
        incident_record_between(actor=locale.actor("chair"), victim=victim, perpetrator=None, data=_input())
    assert not Incident.objects.exists()


def test_the_incidents_own_details_are_still_checked(locale):
    victim = PersonFactory(locality=locale.locality)
    with pytest.raises(ValidationError) as refused:
        incident_record_between(
            actor=locale.actor("police_rep"),
            victim=victim,
            perpetrator=victim,
            data=_input(summary=" "),
        )
    assert "perpetrator" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        incident_record_between(
            actor=locale.actor("police_rep"), victim=victim, perpetrator=None, data=_input(summary=" ", gravity=9)
        )
    assert set(refused.value.message_dict) == {"summary", "gravity"}
    assert not Incident.objects.exists()
