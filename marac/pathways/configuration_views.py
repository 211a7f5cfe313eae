"""Pages for configuring a locality's pathways and routing: the coordinator's and the locality administrator's.
Configuration, no case content: reads are not audited; every change is."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from marac.access import guard
from marac.access.actor import Actor
from marac.agencies.models import Agency
from marac.pathways import policy as pathway_policy
from marac.pathways.configuration import pathway_create, pathway_update, routing_update
from marac.pathways.forms import PathwayForm, RoutingForm
from marac.pathways.models import Pathway
from marac.pathways.routing import marac_level, routing_rows, routing_settings_for, scale_of
from marac.referrals.views import add_service_errors

OBJECT_TYPE = "pathways.pathway"


def _agencies(actor: Actor) -> QuerySet[Agency]:
    return Agency.objects.filter(locality=actor.locality, is_active=True).order_by("name")


def settings_page(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "pathway.configure", object_type=OBJECT_TYPE)
    locality = actor.locality
    routing = routing_settings_for(locality)
    scale = scale_of(locality)
    form = RoutingForm(request.POST or None, scale=scale, initial={"marac_from_level": marac_level(locality, routing)})
    if request.method == "POST" and form.is_valid():
        try:
            routing_update(actor=actor, marac_from_level=form.cleaned_data["marac_from_level"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The routing is saved. New assessments are routed by it from now on."))
            return redirect("pathways:settings")
    pathways = list(pathway_policy.configurable_pathways(actor).order_by("-is_active", "name", "pk"))
    return render(
        request,
        "pathways/settings.html",
        {
            "form": form,
            "routing": routing,
            "pathways": pathways,
            "rows": routing_rows(locality=locality, pathways=pathways, routing=routing),
            "scale": scale,
        },
    )


def pathway_new(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "pathway.configure", object_type=OBJECT_TYPE)
    form = PathwayForm(
        request.POST or None,
        agencies=_agencies(actor),
        scale=scale_of(actor.locality),
        initial={"response_days": 2, "feedback_days": 10, "is_active": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            pathway = pathway_create(actor=actor, data=form.pathway_input())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The pathway “%(name)s” is added.") % {"name": pathway.name})
            return redirect("pathways:settings")
    return render(request, "pathways/pathway_form.html", {"form": form, "pathway": None})


def pathway_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "pathway.configure", object_type=OBJECT_TYPE, object_id=pk)
    pathway: Pathway = guard.fetch(actor, pathway_policy.configurable_pathways(actor), pk, audit=False)
    form = PathwayForm(
        request.POST or None,
        agencies=_agencies(actor),
        scale=scale_of(actor.locality),
        initial=PathwayForm.initial_from(pathway),
    )
    if request.method == "POST" and form.is_valid():
        try:
            pathway = pathway_update(actor=actor, pathway=pathway, data=form.pathway_input())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The pathway “%(name)s” is saved.") % {"name": pathway.name})
            return redirect("pathways:settings")
    return render(
        request,
        "pathways/pathway_form.html",
        {"form": form, "pathway": pathway, "referral_count": pathway.referrals.count()},
    )
