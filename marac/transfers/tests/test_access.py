"""Who sees a transfer: the coordinators (and chairs, reading) of the two areas. Everyone else gets 404."""

import pytest
from django.urls import reverse

from conftest import build_locale
from marac.audit.models import AuditAction, AuditEvent
from marac.referrals.models import CaseStatus
from marac.testing.factories import CaseFactory
from marac.transfers.models import Transfer
from marac.transfers.tests.factories import TransferFactory

AGENCY_PERSONAS = ("police_referrer", "police_rep", "housing_rep", "social_care_rep", "health_rep", "idva")


@pytest.fixture
def transfer(locale, other_locale) -> Transfer:
    """Riverside's case, asked of Hillcrest."""
    case = CaseFactory(
        locality=locale.locality, status=CaseStatus.HEARD, victim__given_name="Leah", victim__family_name="Marsh"
    )
    return TransferFactory(sending_case=case, to_locality=other_locale.locality)


@pytest.mark.parametrize("side", ["locale", "other_locale"])
@pytest.mark.parametrize("persona", ["coordinator", "chair"])
def test_the_coordinator_and_chair_of_either_area_see_it(request, transfer, side, persona):
    area = request.getfixturevalue(side)
    response = area.client(persona).get(reverse("transfers:detail", args=[transfer.pk]))
    assert response.status_code == 200
    assert "Leah Marsh" in response.content.decode()


def test_only_the_receiving_coordinator_is_offered_the_decision(locale, other_locale, transfer):
    url = reverse("transfers:detail", args=[transfer.pk])
    assert "Accept the case" in other_locale.client("coordinator").get(url).content.decode()
    assert "Accept the case" not in other_locale.client("chair").get(url).content.decode()
    assert "Accept the case" not in locale.client("coordinator").get(url).content.decode()
    assert "Withdraw the request" in locale.client("coordinator").get(url).content.decode()


def test_a_third_area_gets_404(db, transfer):
    third = build_locale("Lakeside")
    for persona in ("coordinator", "chair"):
        assert third.client(persona).get(reverse("transfers:detail", args=[transfer.pk])).status_code == 404
    assert third.client("coordinator").post(reverse("transfers:accept", args=[transfer.pk])).status_code == 404
    assert "Leah" not in third.client("coordinator").get(reverse("transfers:list")).content.decode()
    user = third.memberships["coordinator"].user
    assert AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).exists()


@pytest.mark.parametrize("side", ["locale", "other_locale"])
@pytest.mark.parametrize("persona", AGENCY_PERSONAS)
def test_agencies_of_either_area_see_nothing(request, transfer, side, persona):
    client = request.getfixturevalue(side).client(persona)
    assert client.get(reverse("transfers:detail", args=[transfer.pk])).status_code == 404
    assert client.get(reverse("transfers:list")).status_code == 404


def test_the_receiving_coordinator_reads_the_pack_but_never_the_sending_case(other_locale, transfer):
    client = other_locale.client("coordinator")
    body = client.get(reverse("transfers:detail", args=[transfer.pk])).content.decode()
    assert reverse("referrals:case_detail", args=[transfer.sending_case_id]) not in body
    assert client.get(reverse("referrals:case_detail", args=[transfer.sending_case_id])).status_code == 404


def test_the_sender_cannot_accept_and_the_receiver_cannot_withdraw(locale, other_locale, transfer):
    assert locale.client("coordinator").post(reverse("transfers:accept", args=[transfer.pk])).status_code == 404
    assert other_locale.client("coordinator").post(reverse("transfers:withdraw", args=[transfer.pk])).status_code == 404
    assert other_locale.client("chair").post(reverse("transfers:accept", args=[transfer.pk])).status_code == 404
    transfer.refresh_from_db()
    assert transfer.is_open


def test_each_area_lists_its_own_direction(locale, other_locale, transfer):
    incoming = other_locale.client("coordinator").get(reverse("transfers:list")).content.decode()
    assert "Leah Marsh" in incoming
    outgoing_here = other_locale.client("coordinator").get(reverse("transfers:list") + "?direction=outgoing")
    assert "Leah Marsh" not in outgoing_here.content.decode()
    sent = locale.client("coordinator").get(reverse("transfers:list") + "?direction=outgoing").content.decode()
    assert "Leah Marsh" in sent
    assert "Leah Marsh" not in locale.client("coordinator").get(reverse("transfers:list")).content.decode()
