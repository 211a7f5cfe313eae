"""Factories for incidents and flags: synthetic people and events only."""

import datetime as dt

import factory
from django.utils import timezone

from marac.incidents.models import FlagReason, Gravity, Incident, IncidentType, ReferralFlag
from marac.referrals.models import CaseParty, PartyRole
from marac.testing.factories import AgencyFactory, LocalityFactory, PersonFactory


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    locality = factory.SubFactory(LocalityFactory)
    source_agency = factory.SubFactory(AgencyFactory, locality=factory.SelfAttribute("..locality"))
    occurred_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=3))
    incident_type = IncidentType.PHYSICAL
    gravity = Gravity.MODERATE
    victim = factory.SubFactory(PersonFactory, locality=factory.SelfAttribute("..locality"))
    perpetrator = factory.SubFactory(
        PersonFactory, locality=factory.SelfAttribute("..locality"), given_name="Darren", family_name="Vale"
    )
    summary = "Pushed her against the door during an argument about contact."
    recorded_at = factory.LazyFunction(timezone.now)


def perpetrator_of(case):
    """The case's first perpetrator party, added if it has none."""
    party = CaseParty.objects.filter(case=case, role=PartyRole.PERPETRATOR).select_related("person").first()
    if party is None:
        person = PersonFactory(locality=case.locality, given_name="Darren", family_name="Vale", date_of_birth=None)
        party = CaseParty.objects.create(case=case, person=person, role=PartyRole.PERPETRATOR)
    return party.person


def flag_on(person, *incidents, reason: str = FlagReason.ESCALATION) -> ReferralFlag:
    flag = ReferralFlag.objects.create(locality=person.locality, person=person, reason=reason, raised_at=timezone.now())
    flag.incidents.set(incidents)
    return flag


def world_incident(world) -> Incident:
    """An incident about the URL walk world's victim, recorded by the police (who referred her)."""
    return IncidentFactory(
        locality=world.case.locality,
        source_agency=world.referral.referring_agency,
        victim=world.case.victim,
        perpetrator=perpetrator_of(world.case),
    )


def world_flag(world) -> ReferralFlag:
    """A flag on the URL walk world's victim, from the police's incident."""
    return flag_on(world.case.victim, world_incident(world))
