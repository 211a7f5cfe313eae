"""How transfers look, and what the case page says about them."""

from django import template

from marac.access import policy
from marac.referrals.models import Case, CaseStatus
from marac.transfers import selectors
from marac.transfers.models import TransferStatus

register = template.Library()

TRANSFER_STATUS_CLASS = {
    TransferStatus.REQUESTED: "govuk-tag--yellow",
    TransferStatus.ACCEPTED: "govuk-tag--green",
    TransferStatus.DECLINED: "govuk-tag--red",
    TransferStatus.WITHDRAWN: "govuk-tag--grey",
}


@register.filter
def transfer_status_class(status: str) -> str:
    return TRANSFER_STATUS_CLASS.get(status, "govuk-tag--grey")


@register.inclusion_tag("transfers/_case_transfers.html", takes_context=True)
def case_transfers(context, case: Case) -> dict:
    """The banner for a transfer requested, made or received, and the link to transfer the case.

    Only for the roles that see transfers (no query otherwise).
    """
    actor = context["request"].actor
    if not policy.has_permission(actor, "transfer.view"):
        return {"case": case, "transfers": [], "may_transfer": False}
    transfers = selectors.case_transfers(actor=actor, case=case)
    open_request = any(transfer.is_open and transfer.sending_case_id == case.pk for transfer in transfers)
    return {
        "case": case,
        "transfers": transfers,
        "may_transfer": policy.has_permission(actor, "transfer.send")
        and case.status != CaseStatus.TRANSFERRED
        and case.erased_at is None
        and not open_request,
    }
