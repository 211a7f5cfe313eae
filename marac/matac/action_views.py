"""MATAC action pages: the actor's actions (overdue first to the eye), one action's trail, and recording progress."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from marac.access import guard, matac_policy
from marac.access.actor import Actor
from marac.actions.forms import ActionUpdateForm
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.matac import selectors
from marac.matac.followup import EMAIL_CATCH_UP_DAYS, REMINDER_DAYS_BEFORE_DUE, reminders_of
from marac.matac.models import MatacAction
from marac.matac.services.actions import matac_action_update
from marac.referrals.views import add_service_errors

PAGE_SIZE = 50


def _action(actor: Actor, pk: int, *, audit: bool = True) -> MatacAction:
    guard.require(actor, "matac.view", object_type="matac.matacaction", object_id=pk)
    return guard.fetch(actor, selectors.action_queryset(actor=actor), pk, audit=audit)


def action_list(request: HttpRequest) -> HttpResponse:
    """Open and in-progress MATAC actions: the agency's own, or the whole locality's for the coordinator and chair;
    `?overdue=1` keeps the overdue ones, `?all=1` shows finished ones too."""
    actor = request.actor
    guard.require(actor, "matac.view", object_type="matac.matacaction")
    overdue_only = request.GET.get("overdue") == "1"
    incomplete_only = request.GET.get("all") != "1"
    actions = selectors.action_list(actor=actor, overdue_only=overdue_only, incomplete_only=incomplete_only)
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed MATAC actions",
        detail={"ids": [action.pk for action in page], "overdue_only": overdue_only, "all": not incomplete_only},
    )
    return render(
        request,
        "matac/actions.html",
        {
            "page": page,
            "overdue_only": overdue_only,
            "incomplete_only": incomplete_only,
            "sees_all": matac_policy.sees_all_of_locality(actor),
            "overdue_count": selectors.overdue_actions(actor=actor).count(),
        },
    )


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    action = _action(actor, pk)
    return render(
        request,
        "matac/action.html",
        {
            "action": action,
            "may_update": matac_policy.may_update_matac_action(actor, action),
            "reminders": reminders_of(action),
            "reminder_days": REMINDER_DAYS_BEFORE_DUE,
            "catch_up_days": EMAIL_CATCH_UP_DAYS,
        },
    )


def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "action.update", object_type="matac.matacaction", object_id=pk)
    action = _action(actor, pk, audit=request.method == "GET")
    if not matac_policy.may_update_matac_action(actor, action):
        raise guard.deny(actor, object_type="matac.matacaction", object_id=pk, reason="May not update this action")
    form = ActionUpdateForm(request.POST if request.method == "POST" else None, initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        try:
            matac_action_update(
                actor=actor, action=action, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, gettext("MATAC action updated: %(status)s.") % {"status": action.get_status_display().lower()}
            )
            return redirect("matac:action", pk=action.pk)
    return render(request, "matac/action_update.html", {"action": action, "form": form})
