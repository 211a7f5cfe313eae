"""The signed-in home page and the agency switcher."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from marac.access.actor import SESSION_MEMBERSHIP_KEY
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.dashboard import dashboard_for
from marac.navigation import GROUPS, sections_for


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"board": dashboard_for(request.actor)})


def sections(request: HttpRequest) -> HttpResponse:
    """Every section the person's role may open, in groups, for roles with more than the menu bar holds."""
    visible = sections_for(request.actor)
    groups = [(group, [section for section in visible if section.group == group]) for group in GROUPS]
    return render(request, "sections.html", {"groups": [(group, found) for group, found in groups if found]})


@require_POST
def switch_agency(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    wanted = request.POST.get("membership", "")
    chosen = next((m for m in actor.memberships if str(m.pk) == wanted), None)
    if chosen is None:
        messages.error(request, gettext("Choose one of your own agencies and roles."))
        return redirect("home")
    request.session[SESSION_MEMBERSHIP_KEY] = chosen.pk
    actor.membership = chosen
    audit_record(
        actor=actor, action=AuditAction.SWITCH_AGENCY, target=chosen, summary=f"Now acting for {in_english(chosen)}"
    )
    messages.success(
        request,
        gettext("You are now acting as %(role)s for %(agency)s.")
        % {"role": chosen.get_role_display(), "agency": chosen.agency},
    )
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("home")
