"""Factories for governance documents, and a helper that gives a locality a signed agreement."""

import datetime as dt

import factory
from django.utils import timezone

from marac.agencies.models import Locality
from marac.governance.models import Document, DocumentKind, DocumentVersion, Signature
from marac.testing.factories import LocalityFactory, UserFactory


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        django_get_or_create = ("locality", "kind")

    locality = factory.SubFactory(LocalityFactory)
    kind = DocumentKind.AGREEMENT


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    """A version published now: the last one made is the current one."""

    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    label = factory.Sequence(lambda n: f"{n + 1}")
    text = "Member agencies share what is needed to reduce risk.\n\nThey keep it restricted."
    lawful_bases = factory.LazyFunction(lambda: ["uk_gdpr_6_1_e", "uk_gdpr_9_2_g_safeguarding"])
    effective_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    review_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=300))
    published_at = factory.LazyFunction(timezone.now)
    published_by = factory.SubFactory(UserFactory)


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    version = factory.SubFactory(DocumentVersionFactory)
    agency = factory.SubFactory("marac.testing.factories.AgencyFactory")
    signed_by = factory.SubFactory(UserFactory)
    signed_at = factory.LazyFunction(timezone.now)
    signer_name = "Test Signer"
    signer_role = "Head of Service"


def agreement_signed_by_every_agency(locality: Locality, **version_fields) -> DocumentVersion:
    """Publish a new information-sharing agreement for the locality and sign it for each of its active agencies."""
    version = DocumentVersionFactory(
        document__locality=locality, document__kind=DocumentKind.AGREEMENT, **version_fields
    )
    for agency in locality.agencies.filter(is_active=True):
        SignatureFactory(version=version, agency=agency)
    return version
