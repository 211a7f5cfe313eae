"""`agency_may_receive_case_information`: true only when the agency signed the current version of its locality's
information-sharing agreement, in one query whatever the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marac.agencies.models import Agency
from marac.governance.models import DocumentKind
from marac.governance.selectors import agencies_without_current_signature, agency_may_receive_case_information
from marac.governance.tests.factories import (
    DocumentVersionFactory,
    SignatureFactory,
    agreement_signed_by_every_agency,
)


def agreement(locality, **fields):
    return DocumentVersionFactory(document__locality=locality, document__kind=DocumentKind.AGREEMENT, **fields)


def test_no_agreement_published_means_no_case_information(locale):
    assert not agency_may_receive_case_information(locale.police)
    assert set(agencies_without_current_signature(locale.locality)) == set(locale.locality.agencies.all())


def test_signed_the_current_agreement(locale):
    version = agreement(locale.locality)
    SignatureFactory(version=version, agency=locale.police)
    assert agency_may_receive_case_information(locale.police)
    assert not agency_may_receive_case_information(locale.housing)
    assert locale.police not in agencies_without_current_signature(locale.locality)
    assert locale.housing in agencies_without_current_signature(locale.locality)


def test_signed_only_an_earlier_agreement(locale):
    SignatureFactory(version=agreement(locale.locality, label="1"), agency=locale.police)
    agreement(locale.locality, label="2")
    assert not agency_may_receive_case_information(locale.police)


def test_signing_the_protocol_is_not_signing_the_agreement(locale):
    agreement(locale.locality)
    protocol = DocumentVersionFactory(document__locality=locale.locality, document__kind=DocumentKind.PROTOCOL)
    SignatureFactory(version=protocol, agency=locale.police)
    assert not agency_may_receive_case_information(locale.police)


def test_another_localitys_agreement_does_not_count(locale, other_locale):
    agreement_signed_by_every_agency(other_locale.locality)
    assert agency_may_receive_case_information(other_locale.police)
    assert not agency_may_receive_case_information(locale.police)


def test_no_agency_no_case_information(db):
    assert not agency_may_receive_case_information(None)


def test_inactive_agencies_are_not_listed_as_missing(locale):
    Agency.objects.filter(pk=locale.health.pk).update(is_active=False)
    assert locale.health not in agencies_without_current_signature(locale.locality)


@pytest.mark.parametrize("versions", [1, 12])
def test_one_query_whatever_the_data(locale, other_locale, versions):
    for number in range(versions):
        agreement_signed_by_every_agency(locale.locality, label=f"{number}")
        agreement_signed_by_every_agency(other_locale.locality, label=f"{number}")
    police = Agency.objects.get(pk=locale.police.pk)
    with CaptureQueriesContext(connection) as captured:
        assert agency_may_receive_case_information(police)
    assert len(captured) == 1
