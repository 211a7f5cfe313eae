"""The coordinator places and lifts a legal hold on the case's legal hold page; each change is audited."""

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.people.tests.factories import case_with_everything
from marac.referrals.models import LegalHold


@pytest.fixture
def case(locale):
    return case_with_everything(locale).case


def _post(locale, case, persona="coordinator", **data):
    return locale.client(persona).post(reverse("people:legal_hold", kwargs={"case_pk": case.pk}), data)


@pytest.mark.django_db
def test_the_coordinator_places_and_lifts_a_hold(locale, case):
    page = locale.client("coordinator").get(reverse("people:legal_hold", kwargs={"case_pk": case.pk}))
    assert page.status_code == 200
    assert "There is no legal hold on this case." in page.content.decode()

    response = _post(locale, case, intent="place", reason="Civil claim, our reference LEG-12")
    assert response.status_code == 302
    hold = LegalHold.objects.get(case=case)
    assert hold.in_force and hold.placed_by == locale.memberships["coordinator"].user
    placed = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="referrals.legalhold")
    assert (placed.case_id, placed.object_id) == (case.pk, str(hold.pk))
    assert "Civil claim" not in str(placed.detail), "the reason stays on the hold, not in the trail"

    page = locale.client("coordinator").get(reverse("people:legal_hold", kwargs={"case_pk": case.pk}))
    assert "Lift the hold" in page.content.decode()

    response = _post(locale, case, intent="lift", reason="Claim withdrawn")
    assert response.status_code == 302
    hold.refresh_from_db()
    assert not hold.in_force and hold.lift_reason == "Claim withdrawn"
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="referrals.legalhold", case=case, summary__startswith="Legal hold lifted"
    ).exists()


@pytest.mark.django_db
def test_a_hold_needs_a_reason(locale, case):
    response = _post(locale, case, intent="place", reason="   ")
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "Say why the case must be kept" in response.content.decode()
    assert not LegalHold.objects.exists()


@pytest.mark.django_db
def test_a_hold_placed_meanwhile_is_not_placed_twice_nor_lifted_by_mistake(locale, case):
    _post(locale, case, intent="place", reason="Inquiry")
    # A second coordinator's page still offered to place a hold.
    response = _post(locale, case, intent="place", reason="Claim")
    assert response.status_code == 200
    assert "already has a legal hold in force" in response.content.decode()
    assert LegalHold.objects.filter(case=case).count() == 1
    assert LegalHold.objects.get(case=case).in_force


@pytest.mark.django_db
def test_lifting_when_nothing_is_held_is_refused(locale, case):
    response = _post(locale, case, intent="lift", reason="Done")
    assert response.status_code == 200
    assert "no legal hold in force" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["chair", "idva", "police_rep", "auditor", "admin"])
def test_other_roles_get_404_and_place_nothing(locale, case, persona):
    response = _post(locale, case, persona=persona, intent="place", reason="Claim")
    assert response.status_code == 404
    assert not LegalHold.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=locale.memberships[persona].user).exists()


@pytest.mark.django_db
def test_another_localitys_coordinator_gets_404(locale, other_locale, case):
    response = _post(other_locale, case, intent="place", reason="Claim")
    assert response.status_code == 404
    assert not LegalHold.objects.exists()
