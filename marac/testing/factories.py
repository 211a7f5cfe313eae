"""Factories for tests: small, valid objects with synthetic data."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from marac.access.actor import Actor, active_memberships
from marac.agencies.models import Agency, AgencyType, Locality, Membership, Role
from marac.people.models import Person
from marac.referrals.models import Case, Consent, Referral


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality

    name = factory.Sequence(lambda n: f"Riverside {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    locality = factory.SubFactory(LocalityFactory)
    name = factory.Sequence(lambda n: f"Agency {n}")
    agency_type = AgencyType.OTHER


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Role.REFERRER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    locality = factory.SubFactory(LocalityFactory)
    given_name = factory.Sequence(lambda n: f"Amara{n}")
    family_name = "Okafor"
    date_of_birth = dt.date(1990, 5, 17)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    locality = factory.SubFactory(LocalityFactory)
    reference = factory.Sequence(lambda n: f"T-{n:05d}")
    victim = factory.SubFactory(PersonFactory, locality=factory.SelfAttribute("..locality"))
    opened_at = factory.LazyFunction(timezone.now)
    last_referred_at = factory.LazyFunction(timezone.now)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    case = factory.SubFactory(CaseFactory)
    referring_agency = factory.SubFactory(AgencyFactory, locality=factory.SelfAttribute("..case.locality"))
    referred_by = factory.SubFactory(UserFactory)
    referred_at = factory.LazyFunction(timezone.now)
    meets_professional_judgement = True
    professional_judgement_reasons = "Threats to kill after separation."
    consent = Consent.GIVEN
    risk_summary = "Assault after separation; threats to kill."


def actor_for(membership: Membership) -> Actor:
    """The actor a request of this membership has: its membership read as the request reads it (which brings whether
    the user is barred from any case)."""
    as_read = active_memberships(membership.user).filter(pk=membership.pk).first() or membership
    return Actor(user=membership.user, membership=as_read, ip_address="127.0.0.1")
