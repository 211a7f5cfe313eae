"""The demo locality has a current protocol and agreement signed by every agency, so its case pages keep working when
case information is withheld from unsigned agencies; and an earlier agreement that was replaced."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from marac.agencies.models import Locality
from marac.demo import data
from marac.governance.models import DocumentKind, DocumentVersion
from marac.governance.selectors import (
    agencies_without_current_signature,
    agency_may_receive_case_information,
    current_version,
    documents_due_for_review,
)


@pytest.fixture
def demo(db) -> Locality:
    call_command("load_demo", stdout=io.StringIO())
    return Locality.objects.get(name=data.LOCALITY_NAME)


def test_every_demo_agency_signed_the_current_versions(demo):
    assert not agencies_without_current_signature(demo).exists()
    assert all(agency_may_receive_case_information(agency) for agency in demo.agencies.all())
    protocol = current_version(locality=demo, kind=DocumentKind.PROTOCOL)
    assert protocol.signatures.count() == demo.agencies.count()
    now = timezone.now()
    for version in DocumentVersion.objects.filter(document__locality=demo):
        for signature in version.signatures.all():
            assert version.published_at < signature.signed_at < now


def test_current_versions_are_reviewed_in_about_ten_months(demo):
    today = timezone.localdate()
    for kind in DocumentKind:
        version = current_version(locality=demo, kind=kind)
        assert 270 <= (version.review_on - today).days <= 320
        assert version.effective_on <= today
        assert len(version.paragraphs) >= 5
        assert version.lawful_bases
    assert not documents_due_for_review(demo).exists()


def test_an_earlier_agreement_was_replaced(demo):
    current = current_version(locality=demo, kind=DocumentKind.AGREEMENT)
    earlier = DocumentVersion.objects.filter(document=current.document).exclude(pk=current.pk).get()
    assert earlier.published_at < current.published_at - dt.timedelta(days=300)
    assert earlier.signatures.exists()
    assert earlier.signatures.count() < current.signatures.count()
    assert current.summary_of_changes
