"""Action pages: the agency's actions, one action's trail, and recording progress."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from marac.access import guard, policy
from marac.access.rules import ACTIONS_ALL_ON_CASE
from marac.actions import followup, selectors, services
from marac.actions.followup_views import ActionChaseForm
from marac.actions.forms import ActionFilterForm, ActionUpdateForm
from marac.actions.models import INCOMPLETE_STATUSES, Action
from marac.actions.performance import performance_by_agency
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.meetings.forms import add_service_errors

ACTIONS_PER_PAGE = 50


def _case_of(action: Action):
    return action.case


RECENT_NOTICES = 10


def action_list(request: HttpRequest) -> HttpResponse:
    """Our actions: the acting agency's (the whole locality's for the coordinator and chair)."""
    actor = request.actor
    guard.require(actor, "action.list")
    sees_every_agency = actor.role in ACTIONS_ALL_ON_CASE
    agencies = list(actor.locality.agencies.order_by("name")) if sees_every_agency else None
    data = request.GET.copy()
    data.setdefault("status", selectors.INCOMPLETE)
    form = ActionFilterForm(data, agencies=agencies)
    actions = selectors.actions_for_actor(actor=actor, **form.filters())
    page = Paginator(actions, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed actions",
        detail={"ids": [action.pk for action in page], "filters": form.filters()},
    )
    return render(
        request,
        "actions/list.html",
        {
            "page": page,
            "filter_form": form,
            "sees_every_agency": sees_every_agency,
            "notices": list(followup.notices_for(actor)[:RECENT_NOTICES]),
        },
    )


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    action = guard.fetch(actor, selectors.actions_with_trail(actor=actor), pk, case_of=_case_of)
    chaseable = (
        followup.may_chase(actor, action)
        and action.status in INCOMPLETE_STATUSES
        and action.owner_agency_id != actor.agency.pk
    )
    return render(
        request,
        "actions/detail.html",
        {
            "action": action,
            "may_update": policy.may_update_action(actor, action),
            "chase_form": ActionChaseForm() if chaseable else None,
        },
    )


def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    action = guard.fetch(actor, selectors.actions_with_trail(actor=actor), pk, case_of=_case_of)
    if not policy.may_update_action(actor, action):
        raise guard.deny(actor, object_type="actions.action", object_id=pk, reason="May not update this action")
    form = ActionUpdateForm(request.POST if request.method == "POST" else None, initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(
                actor=actor, action=action, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, gettext("Action updated: %(status)s.") % {"status": action.get_status_display().lower()}
            )
            return redirect("actions:detail", pk=action.pk)
    return render(request, "actions/update.html", {"action": action, "form": form})


def action_performance(request: HttpRequest) -> HttpResponse:
    """Completion and lateness per owner agency, for the coordinator and the chair."""
    actor = request.actor
    guard.require(actor, "action.performance")
    rows = performance_by_agency(actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Viewed action completion by agency",
        detail={"agencies": len(rows)},
    )
    return render(request, "actions/performance.html", {"rows": rows})
