"""Requesting, declining and withdrawing a transfer: the rules each one keeps."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from marac.referrals.models import Case, CaseStatus
from marac.testing.factories import CaseFactory
from marac.transfers.models import TransferStatus
from marac.transfers.services import transfer_accept, transfer_decline, transfer_request, transfer_withdraw


@pytest.fixture
def case(locale):
    return CaseFactory(locality=locale.locality, status=CaseStatus.HEARD)


def _request(locale, case, to_locality, **kwargs):
    return transfer_request(
        actor=locale.actor("coordinator"), case=case, to_locality=to_locality, reason="She moved.", **kwargs
    )


def test_a_case_cannot_be_transferred_to_its_own_area(locale, case):
    with pytest.raises(ValidationError) as error:
        _request(locale, case, locale.locality)
    assert "to_locality" in error.value.message_dict


def test_the_reason_is_required(locale, other_locale, case):
    with pytest.raises(ValidationError) as error:
        transfer_request(actor=locale.actor("coordinator"), case=case, to_locality=other_locale.locality, reason=" ")
    assert "reason" in error.value.message_dict


@pytest.mark.parametrize("district", ["HC4 7TT", "12", "hello"])
def test_the_postcode_district_is_the_first_half_of_a_postcode(locale, other_locale, case, district):
    with pytest.raises(ValidationError) as error:
        _request(locale, case, other_locale.locality, new_postcode_district=district)
    assert "new_postcode_district" in error.value.message_dict


def test_one_request_at_a_time(locale, other_locale, case):
    _request(locale, case, other_locale.locality)
    with pytest.raises(ValidationError, match="already waiting"):
        _request(locale, case, other_locale.locality)


def test_only_the_coordinator_of_the_case_area_requests(locale, other_locale, case):
    with pytest.raises(PermissionDenied):
        transfer_request(actor=locale.actor("chair"), case=case, to_locality=other_locale.locality, reason="Moved.")
    with pytest.raises(PermissionDenied):
        transfer_request(
            actor=other_locale.actor("coordinator"), case=case, to_locality=other_locale.locality, reason="Moved."
        )


def test_declining_needs_a_reason_and_leaves_the_case_as_it_was(locale, other_locale, case):
    transfer = _request(locale, case, other_locale.locality)
    receiver = other_locale.actor("coordinator")
    with pytest.raises(ValidationError) as error:
        transfer_decline(actor=receiver, transfer=transfer, reason="")
    assert "decline_reason" in error.value.message_dict

    declined = transfer_decline(actor=receiver, transfer=transfer, reason="Her new address is outside our area.")

    assert declined.status == TransferStatus.DECLINED
    assert declined.decline_reason == "Her new address is outside our area."
    assert declined.decided_by == other_locale.memberships["coordinator"].user
    assert Case.objects.get(pk=case.pk).status == CaseStatus.HEARD
    assert not Case.objects.filter(locality=other_locale.locality).exists()
    with pytest.raises(ValidationError, match="declined already"):
        transfer_accept(actor=receiver, transfer=transfer)
    # The sending area may then ask another area, or the same one again.
    _request(locale, case, other_locale.locality)


def test_the_sender_cannot_decline_and_the_receiver_cannot_withdraw(locale, other_locale, case):
    transfer = _request(locale, case, other_locale.locality)
    with pytest.raises(PermissionDenied):
        transfer_decline(actor=locale.actor("coordinator"), transfer=transfer, reason="No.")
    with pytest.raises(PermissionDenied):
        transfer_withdraw(actor=other_locale.actor("coordinator"), transfer=transfer)


def test_withdrawing_while_requested(locale, other_locale, case):
    transfer = _request(locale, case, other_locale.locality)
    withdrawn = transfer_withdraw(actor=locale.actor("coordinator"), transfer=transfer)
    assert withdrawn.status == TransferStatus.WITHDRAWN
    assert Case.objects.get(pk=case.pk).status == CaseStatus.HEARD
    with pytest.raises(ValidationError, match="withdrawn already"):
        transfer_withdraw(actor=locale.actor("coordinator"), transfer=transfer)


def test_an_accepted_transfer_cannot_be_withdrawn_and_the_case_cannot_go_again(locale, other_locale, case):
    transfer = _request(locale, case, other_locale.locality)
    transfer_accept(actor=other_locale.actor("coordinator"), transfer=transfer)
    with pytest.raises(ValidationError, match="accepted already"):
        transfer_withdraw(actor=locale.actor("coordinator"), transfer=transfer)
    with pytest.raises(ValidationError, match="already been transferred"):
        _request(locale, Case.objects.get(pk=case.pk), other_locale.locality)
