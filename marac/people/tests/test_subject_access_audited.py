"""Looking at a person's subject access page is recorded; producing the file is recorded as an export with its
purpose; a request without a purpose produces nothing."""

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent, AuditPurpose
from marac.people.tests.factories import case_with_everything
from marac.people.tests.subject_access_helpers import download


@pytest.fixture
def everything(locale):
    return case_with_everything(locale)


@pytest.mark.django_db
def test_the_page_records_a_view_of_the_person(locale, everything):
    response = locale.client("coordinator").get(reverse("people:subject_access", kwargs={"pk": everything.victim.pk}))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW,
        object_type="people.person",
        object_id=str(everything.victim.pk),
        actor=locale.memberships["coordinator"].user,
    ).exists()


@pytest.mark.django_db
def test_the_export_is_recorded_with_its_purpose(locale, everything):
    download(locale, everything.victim, purpose="Request received 3 March, SAR-0112")
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.object_type, event.object_id) == ("people.person", str(everything.victim.pk))
    assert event.actor == locale.memberships["coordinator"].user and event.agency == locale.idva_service
    assert event.purpose == AuditPurpose.SUBJECT_ACCESS_REQUEST
    assert event.detail["purpose"] == "Request received 3 March, SAR-0112"
    assert event.detail["cases"] == [everything.case.pk] and event.detail["released_cases"] == [everything.case.pk]


@pytest.mark.django_db
def test_without_a_purpose_nothing_is_exported(locale, everything):
    response = download(locale, everything.victim, purpose="  ")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Say why you are producing the file" in page
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


@pytest.mark.django_db
def test_a_get_of_the_file_address_returns_to_the_page_and_exports_nothing(locale, everything):
    url = reverse("people:subject_access_download", kwargs={"pk": everything.victim.pk})
    response = locale.client("coordinator").get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:subject_access", kwargs={"pk": everything.victim.pk})
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
