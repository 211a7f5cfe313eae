"""Incidents on the retention schedule: deleted on their own clock unless their victim is on a case still held;
while held they keep their people from being anonymised."""

import pytest

from marac.audit.models import AuditEvent
from marac.incidents.models import Incident, ReferralFlag
from marac.incidents.tests.factories import IncidentFactory, flag_on
from marac.people.models import Person
from marac.people.retention import DELETED_WITH_PERSON, ERASED, ERASURE
from marac.people.tests.factories import case_with_everything, years_ago
from marac.people.tests.retention_helpers import run_retention
from marac.referrals.models import CaseStatus
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_incidents_are_placed_in_the_retention_table():
    assert {"incidents.incident", "incidents.referralflag"} <= set(DELETED_WITH_PERSON)
    assert ERASURE["incidents.autoreferral"].case_path == "referral__case_id"


def test_an_old_incident_about_people_on_no_case_is_deleted_and_they_are_anonymised(locale):
    victim = PersonFactory(locality=locale.locality, given_name="Ana", family_name="Petrova")
    old = IncidentFactory(locality=locale.locality, victim=victim, occurred_at=years_ago(6, days=1))
    flag = flag_on(victim, old)

    output = run_retention()

    assert not Incident.objects.filter(pk=old.pk).exists()
    assert not ReferralFlag.objects.filter(pk=flag.pk).exists()
    for person in (victim, old.perpetrator):
        person.refresh_from_db()
        assert person.given_name == ERASED and person.erased_at is not None
    assert "deleted 1 incident past their retention period; 2 people anonymised" in output
    event = AuditEvent.objects.get(summary="Deleted 1 incidents past their retention period")
    assert event.purpose == "retention"
    assert "Petrova" not in str(event.detail)
    # A second run finds nothing and records nothing.
    run_retention()
    assert AuditEvent.objects.filter(summary__startswith="Deleted").count() == 1


def test_a_recent_incident_stays_and_keeps_its_people(locale):
    victim = PersonFactory(locality=locale.locality, given_name="Ana", family_name="Petrova")
    old = IncidentFactory(locality=locale.locality, victim=victim, occurred_at=years_ago(7))
    recent = IncidentFactory(locality=locale.locality, victim=victim, occurred_at=years_ago(1))
    run_retention()
    assert not Incident.objects.filter(pk=old.pk).exists()
    assert Incident.objects.filter(pk=recent.pk).exists()
    victim.refresh_from_db()
    assert victim.given_name == "Ana"


def test_an_old_incident_stays_while_her_case_is_held(locale):
    live = case_with_everything(locale, status=CaseStatus.MONITORING)
    old = IncidentFactory(locality=locale.locality, victim=live.victim, occurred_at=years_ago(8))
    assert "would be deleted" not in run_retention("--dry-run")
    run_retention()
    assert Incident.objects.filter(pk=old.pk).exists()


def test_a_held_incident_keeps_the_victim_of_an_anonymised_case(locale):
    old = case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7))
    recent = IncidentFactory(locality=locale.locality, victim=old.victim, occurred_at=years_ago(1))
    run_retention()
    old.case.refresh_from_db()
    assert old.case.erased_at is not None
    victim = Person.objects.get(pk=old.victim.pk)
    assert victim.erased_at is None and victim.given_name != ERASED
    assert Incident.objects.filter(pk=recent.pk).exists()


def test_the_dry_run_counts_and_changes_nothing(locale):
    IncidentFactory(locality=locale.locality, occurred_at=years_ago(7))
    output = run_retention("--dry-run")
    assert "1 incident would be deleted" in output
    assert Incident.objects.count() == 1
