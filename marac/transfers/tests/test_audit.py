"""Every step of a transfer is in the audit trail, on the case of each side."""

from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.referrals.models import CaseStatus
from marac.testing.factories import CaseFactory
from marac.transfers.services import transfer_accept, transfer_decline, transfer_request, transfer_withdraw
from marac.transfers.tests.factories import TransferFactory


def _events(transfer, case_id):
    return AuditEvent.objects.filter(object_type="transfers.transfer", object_id=str(transfer.pk), case_id=case_id)


def test_request_and_acceptance_are_recorded_on_both_cases(locale, other_locale):
    case = CaseFactory(locality=locale.locality, status=CaseStatus.HEARD)
    transfer = transfer_request(
        actor=locale.actor("coordinator"), case=case, to_locality=other_locale.locality, reason="Moved."
    )
    requested = _events(transfer, case.pk).get(action=AuditAction.CREATE)
    assert requested.actor == locale.memberships["coordinator"].user

    transfer = transfer_accept(actor=other_locale.actor("coordinator"), transfer=transfer)
    receiving = transfer.receiving_case
    # The receiving side: the case opened, its referral, and the acceptance.
    on_receiving = AuditEvent.objects.filter(case_id=receiving.pk)
    assert on_receiving.filter(object_type="referrals.case", action=AuditAction.CREATE).exists()
    assert on_receiving.filter(object_type="referrals.referral", action=AuditAction.CREATE).exists()
    assert _events(transfer, receiving.pk).filter(action=AuditAction.UPDATE).exists()
    # The sending side: its case was transferred, by whom in the other area.
    sent = _events(transfer, case.pk).get(action=AuditAction.UPDATE)
    assert sent.actor == other_locale.memberships["coordinator"].user
    assert sent.detail["status_after"] == CaseStatus.TRANSFERRED


def test_declining_and_withdrawing_are_recorded_on_the_sending_case(locale, other_locale):
    declined = TransferFactory(sending_case=CaseFactory(locality=locale.locality), to_locality=other_locale.locality)
    transfer_decline(actor=other_locale.actor("coordinator"), transfer=declined, reason="Not our area.")
    assert _events(declined, declined.sending_case_id).filter(action=AuditAction.UPDATE).exists()

    withdrawn = TransferFactory(sending_case=CaseFactory(locality=locale.locality), to_locality=other_locale.locality)
    transfer_withdraw(actor=locale.actor("coordinator"), transfer=withdrawn)
    assert _events(withdrawn, withdrawn.sending_case_id).filter(action=AuditAction.UPDATE).exists()


def test_reading_a_transfer_is_recorded(locale, other_locale):
    transfer = TransferFactory(sending_case=CaseFactory(locality=locale.locality), to_locality=other_locale.locality)
    other_locale.client("coordinator").get(reverse("transfers:detail", args=[transfer.pk]))
    view = _events(transfer, transfer.sending_case_id).get(action=AuditAction.VIEW)
    assert view.actor == other_locale.memberships["coordinator"].user
    other_locale.client("coordinator").get(reverse("transfers:list"))
    listed = AuditEvent.objects.get(action=AuditAction.LIST, actor=other_locale.memberships["coordinator"].user)
    assert listed.detail["ids"] == [transfer.pk]
