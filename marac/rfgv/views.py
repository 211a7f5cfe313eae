"""Pages of the MATAC ranking: the ranked serial perpetrators, one perpetrator's score explained, and the
locality's scoring settings. Thin: guard, fetch, form, service, redirect."""

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from marac.access import guard, policy
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.people.models import Person
from marac.referrals.views import add_service_errors
from marac.rfgv import selectors
from marac.rfgv.forms import RfgvSettingsForm
from marac.rfgv.rules import COMPONENTS, rules_of, settings_for
from marac.rfgv.scoring import RfgvScore, explanation_with, scores_with
from marac.rfgv.services import rfgv_settings_update

PAGE_SIZE = 50


def age_on(person: Person, day: dt.date) -> int | None:
    born = person.date_of_birth
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class RankingRow:
    rank: int
    score: RfgvScore
    person: Person
    age: int | None


def _links(actor) -> dict[str, bool]:
    return {
        "may_view_perpetrator": policy.has_permission(actor, "perpetrator.view"),
        "may_nominate": policy.has_permission(actor, "matac.refer"),
    }


def ranking(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "matac.rank", object_type="rfgv.ranking")
    found = selectors.ranking(actor=actor)
    page = Paginator(found.scores, PAGE_SIZE).get_page(request.GET.get("page"))
    people = selectors.people_by_id(actor=actor, person_ids=[score.person_id for score in page.object_list])
    today = found.as_of.date()
    rows = [
        RankingRow(
            rank=page.start_index() + index,
            score=score,
            person=people[score.person_id],
            age=age_on(people[score.person_id], today),
        )
        for index, score in enumerate(page.object_list)
    ]
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed the MATAC ranking of serial perpetrators",
        detail={"ids": [row.person.pk for row in rows], "page": page.number, "serial_perpetrators": len(found.scores)},
    )
    return render(
        request,
        "rfgv/ranking.html",
        {"page": page, "rows": rows, "ranking": found, "rules": found.rules, "components": COMPONENTS, **_links(actor)},
    )


def explanation(request: HttpRequest, person_pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "matac.rank", object_type="people.person", object_id=person_pk)
    person: Person = guard.fetch(actor, selectors.scorable_people(actor), person_pk, audit=False)
    rules = rules_of(settings_for(actor.locality))
    score = scores_with(locality=actor.locality, rules=rules, person_ids=[person.pk])[person.pk]
    components = explanation_with(score, locality=actor.locality, rules=rules)
    counted = selectors.counted_incidents_for(actor=actor, score=score, rules=rules, as_of=score.as_of)
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        target=person,
        summary="Viewed the RFGV score explained",
        detail={"total": str(score.total), "incidents": [incident.pk for incident in counted.shown]},
    )
    return render(
        request,
        "rfgv/explanation.html",
        {
            "person": person,
            "age": age_on(person, score.as_of.date()),
            "score": score,
            "components": [(COMPONENTS[item.component], item) for item in components],
            "rules": rules,
            "counted": counted,
            "incident_rows": [
                (incident, rules.incident_points(gravity=incident.gravity, incident_type=incident.incident_type))
                for incident in counted.shown
            ],
            "limit": selectors.EXPLANATION_INCIDENTS,
            **_links(actor),
        },
    )


def settings_page(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "matac.configure", object_type="rfgv.rfgvsettings")
    current = settings_for(actor.locality)
    form = RfgvSettingsForm(request.POST or None, settings=current)
    if request.method == "POST" and form.is_valid():
        try:
            rfgv_settings_update(actor=actor, locality=actor.locality, data=form.settings_input())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The RFGV settings are saved. The ranking uses them from now on."))
            return redirect("rfgv:settings")
    return render(request, "rfgv/settings.html", {"form": form, "current": current})
