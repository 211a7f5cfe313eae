"""Pages for incidents and referral flags. Thin: guard, fetch, form, service, redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from marac.access import guard, policy
from marac.access.rules import INCIDENTS_LOCALITY_WIDE
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.duties.views import after_event
from marac.incidents import selectors
from marac.incidents.forms import FlagResolveForm, IncidentForm
from marac.incidents.models import Incident, ReferralFlag
from marac.incidents.services import IncidentOutcome, flag_resolve, incident_record
from marac.referrals.views import add_service_errors

PAGE_SIZE = 50
RECENT_AUTO_REFERRALS = 20


def incident_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "incident.list", object_type="incidents.incident")
    page = Paginator(selectors.incident_list(actor=actor), PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed incidents",
        detail={"ids": [incident.pk for incident in page.object_list]},
    )
    return render(
        request,
        "incidents/list.html",
        {
            "page": page,
            "incidents": page.object_list,
            "locality_wide": actor.role in INCIDENTS_LOCALITY_WIDE,
            "may_record": policy.has_permission(actor, "incident.record"),
        },
    )


def _recorded_message(outcome: IncidentOutcome) -> str:
    incident = outcome.incident
    parts = [gettext("Incident recorded for %(name)s.") % {"name": incident.victim.full_name}]
    parts.append(
        gettext("She matched a person already known to the MARAC.")
        if outcome.victim_matched
        else gettext("She is new to the MARAC.")
    )
    if incident.perpetrator is not None and outcome.perpetrator_matched:
        parts.append(gettext("%(name)s matched a person already known.") % {"name": incident.perpetrator.full_name})
    if outcome.rules.referrals_created or outcome.rules.referrals_extended:
        parts.append(
            gettext("It is a repeat: a repeat referral was made on your agency's behalf and waits for triage.")
        )
    if outcome.rules.flags_raised or outcome.rules.flags_extended:
        parts.append(gettext("She is flagged for referral: see Flag and tag."))
    return " ".join(parts)


def incident_new(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "incident.record", object_type="incidents.incident")
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = incident_record(actor=actor, data=form.incident_input())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _recorded_message(outcome))
            return after_event(request, redirect("incidents:detail", pk=outcome.incident.pk))
    return render(request, "incidents/new.html", {"form": form, "agency": actor.agency})


def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "incident.list", object_type="incidents.incident", object_id=pk)
    incident: Incident = guard.fetch(actor, selectors.visible_incidents(actor), pk)
    auto_referral = (
        selectors.auto_referral_list(actor=actor).filter(pk=incident.auto_referral_id).first()
        if incident.auto_referral_id
        else None
    )
    return render(
        request,
        "incidents/detail.html",
        {
            "incident": incident,
            "auto_referral": auto_referral,
            "flags": list(selectors.visible_flags(actor).filter(incidents=incident).order_by("-raised_at")),
        },
    )


def flag_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "flag.list", object_type="incidents.referralflag")
    show_resolved = request.GET.get("show") == "resolved"
    page = Paginator(selectors.flag_list(actor=actor, resolved=show_resolved), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    auto_referrals = list(selectors.auto_referral_list(actor=actor)[:RECENT_AUTO_REFERRALS])
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed referral flags" + (" with resolved ones" if show_resolved else ""),
        detail={
            "ids": [flag.pk for flag in page.object_list],
            "auto_referrals": [auto.referral_id for auto in auto_referrals],
        },
    )
    return render(
        request,
        "incidents/flags.html",
        {
            "page": page,
            "flags": page.object_list,
            "show_resolved": show_resolved,
            "auto_referrals": auto_referrals,
            "may_resolve": policy.has_permission(actor, "flag.resolve"),
            "may_refer": policy.has_permission(actor, "referral.create"),
        },
    )


def _flag_page_context(actor, flag: ReferralFlag) -> dict:
    return {
        "flag": flag,
        "incidents": selectors.flag_incidents(actor=actor, flag=flag),
        "may_resolve": policy.has_permission(actor, "flag.resolve") and flag.is_open,
        "may_refer": policy.has_permission(actor, "referral.create") and flag.is_open,
        "locality": actor.locality,
    }


def flag_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "flag.list", object_type="incidents.referralflag", object_id=pk)
    flag: ReferralFlag = guard.fetch(actor, selectors.visible_flags(actor), pk)
    return render(request, "incidents/flag_detail.html", _flag_page_context(actor, flag))


def flag_resolve_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "flag.resolve", object_type="incidents.referralflag", object_id=pk)
    flag: ReferralFlag = guard.fetch(actor, selectors.visible_flags(actor), pk, audit=request.method == "GET")
    form = FlagResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flag_resolve(
                actor=actor,
                flag=flag,
                resolution=form.cleaned_data["resolution"],
                note=form.cleaned_data["resolution_note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The flag on %(name)s is resolved.") % {"name": flag.person.full_name})
            return redirect(reverse("incidents:flags"))
    return render(request, "incidents/flag_resolve.html", {**_flag_page_context(actor, flag), "form": form})
