"""Glossary pages: every member reads the locality's glossary; the coordinator and the locality administrator change,
add, remove and restore its terms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from marac.access import guard, policy
from marac.glossary import selectors, services
from marac.glossary.forms import GlossaryTermForm
from marac.referrals.views import add_service_errors


def _list_url(key: str = "") -> str:
    return reverse("glossary:list") + (f"#term-{key}" if key else "")


def glossary(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "glossary.view", object_type="glossary.glossaryterm")
    entries = selectors.glossary_entries(locality=actor.locality)
    may_edit = policy.has_permission(actor, "glossary.edit") and actor.locality is not None
    return render(
        request,
        "glossary/glossary.html",
        {
            "entries": [entry for entry in entries if not entry.removed],
            "removed": [entry for entry in entries if entry.removed] if may_edit else [],
            "may_edit": may_edit,
            "locality": actor.locality,
        },
    )


def _editor(request: HttpRequest, key: str = ""):
    actor = request.actor
    guard.require(actor, "glossary.edit", object_type="glossary.glossaryterm", object_id=key)
    if actor.locality is None:
        raise guard.deny(actor, object_type="glossary.glossaryterm", object_id=key, reason="Acts for no locality")
    return actor


def term_new(request: HttpRequest) -> HttpResponse:
    actor = _editor(request)
    form = GlossaryTermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            term = services.glossary_term_add(actor=actor, wording=form.wording())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The term is added to the glossary."))
            return redirect(_list_url(term.key))
    return render(request, "glossary/term_form.html", {"form": form, "entry": None})


def _entry_or_404(actor, key: str):
    entry = selectors.glossary_entry(locality=actor.locality, key=key)
    if entry is None:
        raise guard.deny(actor, object_type="glossary.glossaryterm", object_id=key, reason="No such term")
    return entry


def term_edit(request: HttpRequest, key: str) -> HttpResponse:
    actor = _editor(request, key)
    entry = _entry_or_404(actor, key)
    if request.method == "POST":
        form = GlossaryTermForm(request.POST)
        if form.is_valid():
            try:
                services.glossary_term_change(actor=actor, key=key, wording=form.wording())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, gettext("The term is changed."))
                return redirect(_list_url(key))
    else:
        form = GlossaryTermForm.from_wording(selectors.term_wording(locality=actor.locality, key=key) or {})
    return render(request, "glossary/term_form.html", {"form": form, "entry": entry})


def term_remove(request: HttpRequest, key: str) -> HttpResponse:
    actor = _editor(request, key)
    entry = _entry_or_404(actor, key)
    if request.method == "POST":
        services.glossary_term_remove(actor=actor, key=key)
        messages.success(request, gettext("“%(term)s” is removed from the glossary.") % {"term": entry.term})
        return redirect(_list_url())
    return render(request, "glossary/term_remove.html", {"entry": entry})


@require_POST
def term_restore(request: HttpRequest, key: str) -> HttpResponse:
    actor = _editor(request, key)
    entry = _entry_or_404(actor, key)
    try:
        services.glossary_term_restore(actor=actor, key=key)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_list_url())
    messages.success(request, gettext("“%(term)s” is back in the glossary.") % {"term": entry.term})
    return redirect(_list_url(key))
