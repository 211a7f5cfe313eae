"""Pages for transfers between localities. Thin: guard, fetch, form, service, redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from marac.access import guard, policy
from marac.access.rules import Detail
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.referrals.views import add_service_errors
from marac.transfers import selectors, services
from marac.transfers.forms import TransferDeclineForm, TransferRequestForm
from marac.transfers.models import Transfer, TransferStatus

PAGE_SIZE = 50


def _sending_case(transfer: Transfer):
    """Views of a transfer are recorded on the sending case: the pack is its information, whoever reads it."""
    return transfer.sending_case


def transfer_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "transfer.view", object_type="transfers.transfer")
    incoming = request.GET.get("direction", "incoming") != "outgoing"
    page = Paginator(selectors.transfer_list(actor=actor, incoming=incoming), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary=f"Listed {'incoming' if incoming else 'outgoing'} transfers",
        detail={"ids": [transfer.pk for transfer in page.object_list]},
    )
    return render(request, "transfers/list.html", {"page": page, "transfers": page.object_list, "incoming": incoming})


def transfer_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The sending coordinator's page: the checks on the case here, then the request."""
    actor = request.actor
    guard.require(actor, "transfer.send", object_type="referrals.case", object_id=case_pk)
    case = guard.fetch_case(actor, case_pk, minimum=Detail.FULL, audit=request.method != "POST").case
    form = TransferRequestForm(request.POST or None, from_locality=case.locality)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.transfer_request(
                actor=actor,
                case=case,
                to_locality=form.cleaned_data["to_locality"],
                reason=form.cleaned_data["reason"],
                new_postcode_district=form.cleaned_data["new_postcode_district"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("%(locality)s has been asked to take over case %(reference)s. It stays here until they accept.")
                % {"locality": transfer.to_locality, "reference": case.reference},
            )
            return redirect("transfers:detail", pk=transfer.pk)
    return render(
        request,
        "transfers/new.html",
        {
            "case": case,
            "form": form,
            "checks": selectors.meeting_checks([case])[0],
            "pending": next((t for t in selectors.case_transfers(actor=actor, case=case) if t.is_open), None),
            "sharing_level": case.locality.get_transfer_history_sharing_display(),
        },
    )


def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "transfer.view", object_type="transfers.transfer", object_id=pk)
    transfer = guard.fetch(actor, selectors.visible_transfers(actor), pk, case_of=_sending_case)
    return _detail_page(request, transfer, decline_form=None)


def _detail_page(request: HttpRequest, transfer: Transfer, *, decline_form: TransferDeclineForm | None) -> HttpResponse:
    actor = request.actor
    sending_side = selectors.is_sending_side(actor, transfer)
    pack = selectors.pack_of(transfer)
    context = {
        "transfer": transfer,
        "pack": pack,
        "sending_side": sending_side,
        "may_withdraw": sending_side and transfer.is_open and policy.has_permission(actor, "transfer.send"),
        "may_decide": not sending_side and transfer.is_open and policy.has_permission(actor, "transfer.receive"),
        "decline_form": decline_form or TransferDeclineForm(),
    }
    if sending_side and transfer.status in (TransferStatus.REQUESTED, TransferStatus.ACCEPTED):
        # What happens, or happened, to the case's place on meetings here. The receiving side never sees the
        # sending case itself: only the pack that was sent.
        context["checks"] = selectors.meeting_checks([transfer.sending_case])[0]
        context["accepted"] = transfer.status == TransferStatus.ACCEPTED
    elif pack is not None:
        context["receiving"] = selectors.receiving_checks(actor=actor, transfer=transfer, pack=pack)
    return render(request, "transfers/detail.html", context)


@require_POST
def transfer_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "transfer.send", object_type="transfers.transfer", object_id=pk)
    transfer = guard.fetch(
        actor, selectors.visible_transfers(actor).filter(from_locality=actor.locality), pk, audit=False
    )
    try:
        services.transfer_withdraw(actor=actor, transfer=transfer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("transfers:detail", pk=transfer.pk)
    messages.success(
        request,
        gettext("The request to %(locality)s is withdrawn. The case stays here.") % {"locality": transfer.to_locality},
    )
    return redirect("referrals:case_detail", pk=transfer.sending_case_id)


@require_POST
def transfer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "transfer.receive", object_type="transfers.transfer", object_id=pk)
    transfer = guard.fetch(
        actor, selectors.visible_transfers(actor).filter(to_locality=actor.locality), pk, audit=False
    )
    try:
        transfer = services.transfer_accept(actor=actor, transfer=transfer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("transfers:detail", pk=transfer.pk)
    messages.success(
        request,
        gettext("The case is now %(reference)s here. Its referral waits for your triage.")
        % {"reference": transfer.receiving_case.reference},
    )
    return redirect("referrals:detail", pk=transfer.receiving_referral_id)


def transfer_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows the transfer with the reason to give; POST declines."""
    actor = request.actor
    guard.require(actor, "transfer.receive", object_type="transfers.transfer", object_id=pk)
    transfer = guard.fetch(
        actor,
        selectors.visible_transfers(actor).filter(to_locality=actor.locality),
        pk,
        case_of=_sending_case,
        audit=request.method != "POST",
    )
    form = TransferDeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_decline(actor=actor, transfer=transfer, reason=form.cleaned_data["decline_reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("You declined the case. %(locality)s can read your reason.")
                % {"locality": transfer.from_locality},
            )
            return redirect("transfers:list")
    return _detail_page(request, transfer, decline_form=form)
