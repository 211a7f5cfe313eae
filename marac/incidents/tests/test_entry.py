"""Recording an incident by hand: the form's messages, matching the people, one transaction, the audit trail."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.models import Incident
from marac.incidents.services import IncidentInput, incident_record
from marac.people.models import Alias, Person
from marac.people.services import PersonDetails
from marac.referrals.models import CaseParty, PartyRole
from marac.testing.factories import PersonFactory, ReferralFactory

pytestmark = pytest.mark.django_db

VICTIM_BIRTH = dt.date(1991, 4, 12)


def _form(**overrides) -> dict:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    data = {
        "occurred_at": yesterday.isoformat(),
        "occurred_time": "21:40",
        "incident_type": "threats",
        "gravity": "3",
        "source_reference": "",
        "victim_given_name": "Marta",
        "victim_family_name": "Kowalska",
        "victim_aliases": "Martha Kowalski",
        "victim_date_of_birth_day": str(VICTIM_BIRTH.day),
        "victim_date_of_birth_month": str(VICTIM_BIRTH.month),
        "victim_date_of_birth_year": str(VICTIM_BIRTH.year),
        "perpetrator_given_name": "Tomasz",
        "perpetrator_family_name": "Nowak",
        "perpetrator_aliases": "",
        "children_present": "1",
        "summary": "Threatened to kill her on the phone after the contact handover.",
    }
    data.update(overrides)
    return data


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_an_agency_records_an_incident_and_it_is_audited(locale):
    response = locale.client("housing_rep").post(reverse("incidents:new"), _form())
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("incidents:detail", args=[incident.pk])
    assert incident.source_agency == locale.housing
    assert incident.recorded_by == locale.memberships["housing_rep"].user
    assert incident.locality == locale.locality
    assert incident.occurred_at == timezone.make_aware(
        dt.datetime.combine(timezone.localdate() - dt.timedelta(days=1), dt.time(21, 40))
    )
    assert (incident.incident_type, incident.gravity, incident.children_present) == ("threats", 3, 1)
    assert incident.victim.date_of_birth == VICTIM_BIRTH
    assert list(incident.victim.aliases.values_list("name", flat=True)) == ["Martha Kowalski"]
    assert incident.perpetrator.full_name == "Tomasz Nowak"
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="incidents.incident")
    assert event.object_id == str(incident.pk)
    assert event.detail["victim_matched"] is False
    assert "Kowalska" not in str(event.detail) and "Kowalska" not in event.summary


def test_every_field_says_what_is_wrong(locale):
    response = locale.client("police_rep").post(reverse("incidents:new"), {"children_present": "-1"})
    text = _text(response)
    assert response.status_code == 200
    for message in (
        "Enter the date and time of the incident.",
        "Enter the time of the incident, for example 21:30.",
        "Choose the type of incident.",
        "Choose how serious the incident was.",
        "Enter the victim's given name.",
        "Enter the victim's family name.",
        "Enter the victim's date of birth: without it the incident cannot be matched with her other records.",
        "The number of children cannot be negative.",
        "Say briefly what happened.",
    ):
        assert message in text, message
    assert not Incident.objects.exists()


def test_the_service_refuses_what_the_form_cannot_see(locale):
    client = locale.client("police_rep")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    text = _text(client.post(reverse("incidents:new"), _form(occurred_at=tomorrow.isoformat())))
    assert "The incident cannot be in the future." in text
    text = _text(client.post(reverse("incidents:new"), _form(perpetrator_given_name="")))
    assert "Enter the perpetrator's given name, or leave every perpetrator box empty." in text
    client.post(reverse("incidents:new"), _form(source_reference="RP-2026-114"))
    text = _text(client.post(reverse("incidents:new"), _form(source_reference="RP-2026-114")))
    assert "Your agency has already recorded an incident with the reference RP-2026-114." in text
    assert Incident.objects.count() == 1
    assert not Person.objects.filter(family_name="Kowalska").exclude(incidents_as_victim__isnull=False).exists()


def test_the_victim_is_matched_with_the_person_already_known(locale):
    known = PersonFactory(
        locality=locale.locality, given_name="Marta", family_name="Kowalska", date_of_birth=VICTIM_BIRTH
    )
    Alias.objects.create(person=known, name="Marta Kowalski")
    # Another spelling recorded as an alias, accents and case ignored.
    client = locale.client("police_rep")
    response = client.post(
        reverse("incidents:new"), _form(victim_given_name="MARTA", victim_family_name="Kowalski", victim_aliases="")
    )
    incident = Incident.objects.get()
    assert incident.victim == known
    assert "She matched a person already known to the MARAC." in _text(client.get(response.url))
    assert AuditEvent.objects.get(action=AuditAction.CREATE, object_type="incidents.incident").detail["victim_matched"]


def test_a_different_date_of_birth_is_a_different_person(locale):
    PersonFactory(
        locality=locale.locality, given_name="Marta", family_name="Kowalska", date_of_birth=dt.date(1980, 1, 1)
    )
    locale.client("police_rep").post(reverse("incidents:new"), _form())
    assert Person.objects.filter(family_name="Kowalska").count() == 2


def test_a_perpetrator_on_her_case_is_recognised_by_name_alone(locale):
    referral = ReferralFactory(
        case__locality=locale.locality,
        case__victim__given_name="Marta",
        case__victim__family_name="Kowalska",
        case__victim__date_of_birth=VICTIM_BIRTH,
    )
    known = PersonFactory(locality=locale.locality, given_name="Tomasz", family_name="Nowak", date_of_birth=None)
    CaseParty.objects.create(case=referral.case, person=known, role=PartyRole.PERPETRATOR)
    locale.client("health_rep").post(reverse("incidents:new"), _form())
    incident = Incident.objects.get()
    assert incident.victim == referral.case.victim
    assert incident.perpetrator == known


def test_the_same_person_cannot_be_victim_and_perpetrator(locale):
    victim = PersonDetails(given_name="Marta", family_name="Kowalska", date_of_birth=VICTIM_BIRTH)
    data = IncidentInput(
        occurred_at=timezone.now() - dt.timedelta(hours=2),
        incident_type="physical",
        gravity=2,
        victim=victim,
        perpetrator=PersonDetails(given_name="Marta", family_name="Kowalska", date_of_birth=VICTIM_BIRTH),
        summary="Recorded the wrong way round.",
    )
    with pytest.raises(Exception) as refused:
        incident_record(actor=locale.actor("police_rep"), data=data)
    assert "same person" in str(refused.value)
    # One transaction: the victim matched or created for it is not left behind.
    assert not Person.objects.filter(family_name="Kowalska").exists()
    assert not Incident.objects.exists()


def test_an_unknown_perpetrator_is_allowed(locale):
    locale.client("idva").post(
        reverse("incidents:new"),
        _form(perpetrator_given_name="", perpetrator_family_name="", incident_type="unwanted_contact", gravity="1"),
    )
    assert Incident.objects.get().perpetrator is None
