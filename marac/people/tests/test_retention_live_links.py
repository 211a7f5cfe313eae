"""A person linked to a case that stays (live, within its period, or held) keeps their details until that case is
anonymised too."""

import pytest
from django.utils import timezone

from marac.people.models import Person
from marac.people.retention import ERASED
from marac.people.tests.factories import case_with_everything, years_ago
from marac.people.tests.retention_helpers import run_retention
from marac.referrals.models import Case, CaseParty, CaseStatus, LegalHold, PartyRole
from marac.testing.factories import CaseFactory, PersonFactory


@pytest.mark.django_db
def test_a_perpetrator_in_a_live_case_elsewhere_keeps_his_details(locale):
    old = case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7))
    new_partner = PersonFactory(locality=locale.locality, given_name="Erin", family_name="Vale")
    live = CaseFactory(locality=locale.locality, victim=new_partner, status=CaseStatus.MONITORING)
    CaseParty.objects.create(case=live, person=old.perpetrator, role=PartyRole.PERPETRATOR)

    output = run_retention()

    perpetrator = Person.objects.get(pk=old.perpetrator.pk)
    assert (perpetrator.given_name, perpetrator.erased_at) == ("Darren", None)
    assert perpetrator.aliases.filter(name="Daz Piker").exists()
    assert Person.objects.get(pk=old.victim.pk).given_name == ERASED
    assert "1 kept for other cases" in output

    # Once the later case has run its course too, he goes with it.
    Case.objects.filter(pk=live.pk).update(status=CaseStatus.CLOSED, closed_at=years_ago(7))
    run_retention()
    perpetrator.refresh_from_db()
    assert perpetrator.given_name == ERASED and perpetrator.erased_at is not None


@pytest.mark.django_db
def test_a_victim_with_a_case_still_within_its_period_keeps_her_details(locale):
    old = case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7))
    CaseFactory(locality=locale.locality, victim=old.victim, status=CaseStatus.CLOSED, closed_at=years_ago(1))
    run_retention()
    victim = Person.objects.get(pk=old.victim.pk)
    assert (victim.given_name, victim.address, victim.erased_at) == ("Amara", "14 Larch Road", None)
    assert Case.objects.get(pk=old.case.pk).erased_at is not None


@pytest.mark.django_db
def test_a_person_linked_to_a_held_case_keeps_their_details(locale):
    old = case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7))
    held = CaseFactory(locality=locale.locality, victim=old.victim, status=CaseStatus.CLOSED, closed_at=years_ago(9))
    LegalHold.objects.create(
        case=held, reason="Civil claim", placed_by=locale.memberships["coordinator"].user, placed_at=timezone.now()
    )
    run_retention()
    assert Person.objects.get(pk=old.victim.pk).given_name == "Amara"
    assert Person.objects.get(pk=old.perpetrator.pk).given_name == ERASED
