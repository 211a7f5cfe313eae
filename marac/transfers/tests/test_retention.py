"""A transfer goes with the case that sent it: anonymising that case empties what the transfer carried."""

from django.urls import reverse
from django.utils import timezone

from marac.access.actor import Actor
from marac.people.retention import ERASED, RetentionRule, case_anonymise
from marac.referrals.models import CaseStatus
from marac.testing.factories import CaseFactory
from marac.transfers.tests.factories import TransferFactory


def test_anonymising_the_sending_case_empties_the_transfer(locale, other_locale):
    case = CaseFactory(locality=locale.locality, status=CaseStatus.TRANSFERRED, closed_at=timezone.now())
    transfer = TransferFactory(
        sending_case=case, to_locality=other_locale.locality, new_postcode_district="HC4", decline_reason="No."
    )
    case_anonymise(
        actor=Actor(user=None, membership=None), case=case, rule=RetentionRule.CLOSED_CASE, clock_started=case.closed_at
    )
    transfer.refresh_from_db()
    assert (transfer.reason, transfer.decline_reason) == (ERASED, ERASED)
    assert transfer.new_postcode_district == ""
    assert transfer.history_pack is None
    body = other_locale.client("coordinator").get(reverse("transfers:detail", args=[transfer.pk])).content.decode()
    assert "anonymised under the retention schedule" in body
    assert other_locale.client("coordinator").get(reverse("transfers:list")).status_code == 200
