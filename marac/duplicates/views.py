"""The possible-duplicate queue and the decision page. Thin: guard, fetch, form, service, redirect."""

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
from marac.duplicates import selectors, services
from marac.duplicates.forms import DecisionForm
from marac.duplicates.models import DuplicateCandidate
from marac.referrals.views import add_service_errors

PAGE_SIZE = 25


def candidate_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "duplicate.review", object_type="duplicates.duplicatecandidate")
    page = Paginator(selectors.candidate_queue(actor=actor), PAGE_SIZE).get_page(request.GET.get("page"))
    candidates = list(page.object_list)
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed possible duplicates",
        detail={
            "ids": [candidate.pk for candidate in candidates],
            "people": sorted({pk for c in candidates for pk in (c.person_a_id, c.person_b_id)}),
        },
    )
    return render(
        request,
        "duplicates/list.html",
        {"page": page, "candidates": candidates, "may_see_safe_address": _may_see_safe_address(request)},
    )


def _may_see_safe_address(request: HttpRequest) -> bool:
    """The coordinator has full detail on her locality's cases; a refuge's address follows the usual rule."""
    return policy.may_see_safe_address(request.actor, Detail.FULL)


def _fetch(request: HttpRequest, pk: int, *, audit: bool) -> DuplicateCandidate:
    actor = request.actor
    guard.require(actor, "duplicate.review", object_type="duplicates.duplicatecandidate", object_id=pk)
    candidate = guard.fetch(actor, selectors.with_identifiers(selectors.visible_candidates(actor)), pk, audit=False)
    if audit:
        audit_record(
            actor=actor,
            action=AuditAction.VIEW,
            target=candidate,
            summary="Viewed a possible duplicate",
            detail={"person_a": candidate.person_a_id, "person_b": candidate.person_b_id},
        )
    return candidate


def _page(request: HttpRequest, candidate: DuplicateCandidate, form: DecisionForm) -> HttpResponse:
    detail = selectors.pair_detail(actor=request.actor, candidate=candidate)
    return render(
        request,
        "duplicates/detail.html",
        {
            "candidate": candidate,
            "detail": detail,
            "form": form,
            "may_see_safe_address": _may_see_safe_address(request),
        },
    )


def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows the two records side by side with the decision; POST records it."""
    candidate = _fetch(request, pk, audit=request.method != "POST")
    form = DecisionForm(request.POST or None, candidate=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.candidate_decide(
                actor=request.actor,
                candidate=candidate,
                same_person=form.same_person,
                keep=form.kept,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.same_person:
                merge = candidate.merge
                messages.success(
                    request,
                    gettext(
                        "Merged: person %(merged)s is now recorded as person %(kept)s. "
                        "You can undo this from this page."
                    )
                    % {"merged": merge.merged_id, "kept": merge.kept_id},
                )
            else:
                messages.success(
                    request, gettext("Recorded: these are two different people. The pair is not proposed again.")
                )
            return redirect("duplicates:detail", pk=candidate.pk)
    return _page(request, candidate, form)


@require_POST
def candidate_undo(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _fetch(request, pk, audit=False)
    try:
        services.candidate_merge_undo(actor=request.actor, candidate=candidate)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            gettext("The merge is undone: each record has its own cases, incidents and names again. Decide again."),
        )
    return redirect("duplicates:detail", pk=candidate.pk)
