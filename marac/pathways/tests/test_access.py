"""Only the two agencies of a pathway referral, and the coordinator, see it; every read is audited, every refusal
too."""

import pytest
from django.urls import reverse

from marac.access.models import CaseExclusion
from marac.agencies.models import Role
from marac.audit.models import AuditAction, AuditEvent
from marac.governance.models import Signature
from marac.pathways.tests.factories import pathway, send
from marac.testing.factories import MembershipFactory

PAGES = ("pathways:detail", "pathways:respond", "pathways:feedback", "pathways:assess", "pathways:refer_to_marac")


@pytest.fixture
def referral(locale):
    """Police referred her to the IDVA service."""
    return send(locale, pathway(locale)).referral


@pytest.mark.parametrize("persona", ["police_referrer", "police_rep", "idva", "coordinator"])
def test_the_two_agencies_and_the_coordinator_see_it(locale, referral, persona):
    response = locale.client(persona).get(reverse("pathways:detail", args=[referral.pk]))
    assert response.status_code == 200
    assert "Zoë O&#x27;Neill" in response.content.decode()
    viewed = AuditEvent.objects.filter(
        action=AuditAction.VIEW,
        actor=locale.memberships[persona].user,
        object_type="pathways.pathwayreferral",
        object_id=str(referral.pk),
        case=referral.case,
    )
    assert viewed.exists()


@pytest.mark.parametrize("persona", ["housing_rep", "health_rep", "social_care_rep", "chair", "analyst", "admin"])
def test_a_third_agency_is_refused_and_the_refusal_audited(locale, referral, persona):
    client = locale.client(persona)
    for name in PAGES:
        assert client.get(reverse(name, args=[referral.pk])).status_code == 404, name
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=locale.memberships[persona].user).exists()
    listed = client.get(reverse("pathways:list"), {"direction": "received"})
    assert listed.status_code in (200, 404)
    assert "O&#x27;Neill" not in listed.content.decode()


def test_another_localitys_coordinator_is_refused(locale, other_locale, referral):
    assert other_locale.client("coordinator").get(reverse("pathways:detail", args=[referral.pk])).status_code == 404


def test_the_lists_are_audited_with_what_they_showed(locale, referral):
    locale.client("idva").get(reverse("pathways:list"), {"direction": "received"})
    listed = AuditEvent.objects.get(action=AuditAction.LIST, actor=locale.memberships["idva"].user)
    assert listed.detail["ids"] == [referral.pk]


def test_the_must_not_see_list_overrides_the_agency(locale, referral):
    colleague = MembershipFactory(agency=locale.idva_service, role=Role.IDVA, user__username="sister").user
    CaseExclusion.objects.create(
        case=referral.case,
        user=colleague,
        reason="Sister of the victim",
        added_by=locale.memberships["coordinator"].user,
        added_at=referral.sent_at,
    )
    from marac.accounts.testing import verified_client

    client = verified_client(colleague)
    assert client.get(reverse("pathways:detail", args=[referral.pk])).status_code == 404
    assert "O&#x27;Neill" not in client.get(reverse("pathways:list")).content.decode()


def test_an_agency_that_has_not_signed_the_agreement_sees_none(locale, referral):
    Signature.objects.filter(agency=locale.idva_service).delete()
    client = locale.client("idva")
    assert client.get(reverse("pathways:detail", args=[referral.pk])).status_code == 404
    assert "O&#x27;Neill" not in client.get(reverse("pathways:list")).content.decode()


def test_the_safe_address_is_withheld_from_a_receiving_agency_the_rule_does_not_allow(locale):
    from marac.referrals.tests.factories import victim

    along = pathway(locale, receiver="housing")
    referral = send(
        locale, along, victim=victim(address="Refuge, 1 Hidden Lane", address_is_safe_address=True)
    ).referral
    housing = locale.client("housing_rep").get(reverse("pathways:detail", args=[referral.pk])).content.decode()
    assert "Hidden Lane" not in housing and "Safe address – withheld" in housing
    police = locale.client("police_rep").get(reverse("pathways:detail", args=[referral.pk])).content.decode()
    assert "Hidden Lane" in police
