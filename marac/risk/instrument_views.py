"""Instrument pages: the locality administrator sees which versions are in force and loads the locality's own
(its licensed wording, say); any member may read an instrument's questions, bands and provenance."""

import json
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename
from django.utils.translation import gettext

from marac.access import guard, policy
from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.risk import registry
from marac.risk.engine.definition import Instrument, Item, Scoring
from marac.risk.engine.loading import instrument_to_data
from marac.risk.instrument_forms import InstrumentLoadForm
from marac.risk.models import Answer, InstrumentVersion


def visible_instrument_versions(actor: Actor) -> QuerySet[InstrumentVersion]:
    """Shipped versions and the actor's own locality's: a locality's licensed wording stays with that locality."""
    own_locality = Q(locality=actor.locality) if actor.locality is not None else Q(pk__in=[])
    return InstrumentVersion.objects.filter(Q(locality__isnull=True) | own_locality).select_related(
        "loaded_by", "locality"
    )


def instrument_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "instrument.load")
    in_force = registry.versions_in_force(locality=actor.locality)
    versions = list(visible_instrument_versions(actor).order_by("name", "code", "-loaded_at", "-pk"))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed instrument versions",
        detail={"ids": [version.pk for version in versions]},
    )
    return render(
        request,
        "risk/instruments/list.html",
        {
            "in_force": in_force,
            "in_force_pks": {version.pk for version in in_force},
            "versions": versions,
            "locality": actor.locality,
        },
    )


@dataclass(frozen=True)
class ScreenRuleRow:
    min_yes: int
    questions: list[tuple[int, Item]]  # (question number, item)

    @property
    def is_any_of(self) -> bool:
        return self.min_yes == 1

    @property
    def question_numbers(self) -> str:
        return ", ".join(str(number) for number, _item in self.questions)


def _screen_rows(instrument: Instrument) -> list[ScreenRuleRow]:
    if instrument.screen is None:
        return []
    number_of = {item.id: number for number, item in enumerate(instrument.items, start=1)}
    items = {item.id: item for item in instrument.items}
    return [
        ScreenRuleRow(min_yes=rule.min_yes, questions=[(number_of[item_id], items[item_id]) for item_id in rule.items])
        for rule in instrument.screen.rules
    ]


def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "instrument.view", object_type="risk.instrumentversion", object_id=pk)
    version = guard.fetch(actor, visible_instrument_versions(actor), pk)
    instrument = registry.instrument_of(version)
    in_force_here = registry.current_version(locality=actor.locality, code=version.code).pk == version.pk
    scale = instrument.scale
    return render(
        request,
        "risk/instruments/detail.html",
        {
            "version": version,
            "instrument": instrument,
            "weighted": instrument.scoring is Scoring.WEIGHTED_SUM,
            "items": [(item, instrument.weight(item)) for item in instrument.items],
            "bands": [(band, scale.label(band.level)) for band in instrument.bands],
            "screen_level": scale.label(instrument.screen.level) if instrument.screen else "",
            "screen_rules": _screen_rows(instrument),
            "answer_options": [
                Answer(option).label if option in Answer.values else option for option in instrument.answer_options
            ],
            "in_force_here": in_force_here,
            "locality": actor.locality,
            "may_load": policy.has_permission(actor, "instrument.load"),
        },
    )


def instrument_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored definition as a file: the starting point for a locality's own version. Rebuilt from the parsed
    instrument rather than dumped as stored, because the database need not keep the keys in the file's order."""
    actor = request.actor
    guard.require(actor, "instrument.view", object_type="risk.instrumentversion", object_id=pk)
    version = guard.fetch(actor, visible_instrument_versions(actor), pk, audit=False)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target=version,
        summary=f"Downloaded {version.name}, version {version.version}",
    )
    response = HttpResponse(
        json.dumps(instrument_to_data(registry.instrument_of(version, as_stored=True)), indent=2, ensure_ascii=False)
        + "\n",
        content_type="application/json",
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=get_valid_filename(f"{version.code}-{version.version}.json")
    )
    return response


def instrument_load(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "instrument.load")
    # Bound on every POST: a post with no file at all must say so, not show a blank form.
    form = InstrumentLoadForm(request.POST, request.FILES) if request.method == "POST" else InstrumentLoadForm()
    if form.is_bound and form.is_valid():
        filename = form.cleaned_data["file"].name
        started = timezone.now()
        try:
            version = registry.instrument_load(actor=actor, text=form.file_text, filename=filename)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if version.loaded_at < started:
                messages.info(
                    request,
                    gettext("%(file)s: %(instrument)s, version %(version)s, is already loaded; nothing changed.")
                    % {"file": filename, "instrument": version.name, "version": version.version},
                )
            else:
                messages.success(
                    request,
                    gettext("Loaded %(instrument)s, version %(version)s. It is now in force for %(locality)s.")
                    % {"instrument": version.name, "version": version.version, "locality": actor.locality.name},
                )
            return redirect("risk:instrument_detail", pk=version.pk)
    return render(request, "risk/instruments/load.html", {"form": form, "locality": actor.locality})
