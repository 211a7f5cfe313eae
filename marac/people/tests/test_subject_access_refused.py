"""Only the coordinator of the person's locality may see a person's subject access page or produce the file, and
not for a person linked to a case they are barred from. Everyone else gets 404, and the refusal is recorded."""

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import PERSONAS, build_locale
from marac.access.models import CaseExclusion
from marac.audit.models import AuditAction, AuditEvent
from marac.people.tests.factories import case_with_everything
from marac.people.tests.subject_access_helpers import download

NOT_COORDINATOR = sorted(set(PERSONAS) - {"coordinator"})


@pytest.fixture
def everything(locale):
    return case_with_everything(locale)


def _refused(locale, persona) -> bool:
    user = locale.memberships[persona].user
    return AuditEvent.objects.filter(action=AuditAction.DENIED, actor=user).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", NOT_COORDINATOR)
def test_other_roles_get_404(locale, everything, persona):
    page = locale.client(persona).get(reverse("people:subject_access", kwargs={"pk": everything.victim.pk}))
    file = download(locale, everything.victim, persona=persona)
    assert (page.status_code, file.status_code) == (404, 404)
    assert _refused(locale, persona)
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


@pytest.mark.django_db
def test_another_localitys_coordinator_gets_404(locale, other_locale, everything):
    page = other_locale.client("coordinator").get(reverse("people:subject_access", kwargs={"pk": everything.victim.pk}))
    file = download(other_locale, everything.victim)
    assert (page.status_code, file.status_code) == (404, 404)
    assert _refused(other_locale, "coordinator")
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


@pytest.mark.django_db
def test_a_coordinator_barred_from_one_of_the_persons_cases_gets_404(locale, everything):
    coordinator = locale.memberships["coordinator"].user
    CaseExclusion.objects.create(
        case=everything.case,
        user=coordinator,
        reason="Related to a party",
        added_by=locale.memberships["chair"].user,
        added_at=timezone.now(),
    )
    for person in (everything.victim, everything.perpetrator):
        response = download(locale, person)
        assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


@pytest.mark.django_db
def test_a_coordinator_whose_agency_has_not_signed_the_agreement_gets_404():
    unsigned = build_locale("Lakeside", agreement_signed=False)
    everything = case_with_everything(unsigned)
    response = download(unsigned, everything.victim)
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
