"""Factories for meetings: synthetic meetings, agenda items and research."""

import datetime as dt

import factory
from django.utils import timezone

from marac.circulation.models import Circulation
from marac.meetings.models import AgendaItem, Meeting, Research, ResearchFinding
from marac.meetings.services import declaration_confirm
from marac.people.models import Alias
from marac.referrals.models import CaseParty, PartyRole
from marac.testing.factories import LocalityFactory, PersonFactory, ReferralFactory, UserFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    locality = factory.SubFactory(LocalityFactory)
    scheduled_for = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    research_deadline = factory.LazyAttribute(lambda meeting: meeting.scheduled_for - dt.timedelta(days=2))

    @factory.post_generation
    def invited(obj, create, extracted, **kwargs):
        """Invite the given agencies, or every active agency of the locality."""
        if create:
            obj.invited_agencies.set(
                extracted if extracted is not None else obj.locality.agencies.filter(is_active=True)
            )

    @factory.post_generation
    def circulated(obj, create, extracted, **kwargs):
        """Its case list has gone to the invited agencies, as most tests need; `circulated=False` keeps it back."""
        if create and extracted is not False:
            Circulation.objects.create(meeting=obj, circulated_at=timezone.now())


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    referral = factory.SubFactory(
        ReferralFactory,
        case__locality=factory.SelfAttribute("...meeting.locality"),
        referring_agency__locality=factory.SelfAttribute("...meeting.locality"),
    )
    case = factory.SelfAttribute("referral.case")
    position = factory.Sequence(lambda n: n + 1)


class ResearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Research

    agenda_item = factory.SubFactory(AgendaItemFactory)
    agency = None
    finding = ResearchFinding.NO_TRACE
    submitted_by = factory.SubFactory(UserFactory)
    submitted_at = factory.LazyFunction(timezone.now)


def add_party(case, role: str, given_name: str, family_name: str, date_of_birth=None, aliases=()) -> CaseParty:
    person = PersonFactory(
        locality=case.locality, given_name=given_name, family_name=family_name, date_of_birth=date_of_birth
    )
    for alias in aliases:
        Alias.objects.create(person=person, name=alias)
    return CaseParty.objects.create(case=case, person=person, role=role)


def add_perpetrator(case, given_name: str, family_name: str, **kwargs) -> CaseParty:
    return add_party(case, PartyRole.PERPETRATOR, given_name, family_name, **kwargs)


def add_child(case, given_name: str, family_name: str, **kwargs) -> CaseParty:
    return add_party(case, PartyRole.CHILD, given_name, family_name, **kwargs)


def confirm_declarations(locale, meeting: Meeting, *personas: str) -> None:
    """The named people confirm the confidentiality declaration at a meeting in progress."""
    for persona in personas:
        declaration_confirm(actor=locale.actor(persona), meeting=meeting)
