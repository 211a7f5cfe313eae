"""Governance pages: every member reads the locality's protocol and agreement and sees who signed them; the locality
administrator publishes new versions; an agency's representative, or the coordinator, signs for their agency."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext

from marac.access import guard, policy
from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.governance import selectors, services
from marac.governance.forms import DocumentVersionForm, SignatureForm, add_service_errors
from marac.governance.models import DocumentKind, DocumentVersion


def _require_member(actor: Actor, *, object_type: str = "", object_id: object = "") -> None:
    """Any member of a locality may read its documents; someone acting for no agency reads none."""
    if actor.membership is None:
        raise guard.deny(actor, object_type=object_type, object_id=object_id, reason="Acts for no agency")


def documents(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    _require_member(actor, object_type="governance.document")
    today = timezone.localdate()
    overviews = selectors.governance_overview(actor, today=today)
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed the protocol, the information-sharing agreement and their signatures",
        detail={
            "ids": [
                version.pk
                for overview in overviews
                for version in ([overview.current] if overview.current else []) + overview.earlier
            ]
        },
    )
    return render(
        request,
        "governance/documents.html",
        {
            "locality": actor.locality,
            "overviews": overviews,
            "may_publish": policy.has_permission(actor, "governance.publish"),
            "may_sign": policy.has_permission(actor, "governance.sign"),
            "own_agency": actor.agency,
        },
    )


def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    _require_member(actor, object_type="governance.documentversion", object_id=pk)
    version = guard.fetch(actor, selectors.visible_document_versions(actor), pk)
    current = selectors.current_version(locality=actor.locality, kind=version.kind)
    return render(
        request,
        "governance/version_detail.html",
        {
            "version": version,
            "current": current,
            "is_current": current is not None and current.pk == version.pk,
            "review_state": version.review_state(today=timezone.localdate()),
            "rows": selectors.version_signatures(version),
            "locality": actor.locality,
        },
    )


def _kind_or_404(actor: Actor, kind: str) -> DocumentKind:
    if kind not in DocumentKind.values:
        raise guard.deny(actor, object_type="governance.document", object_id=kind, reason="No such document kind")
    return DocumentKind(kind)


def _a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def version_new(request: HttpRequest, kind: str) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "governance.publish", object_type="governance.document", object_id=kind)
    kind = _kind_or_404(actor, kind)
    current = selectors.current_version(locality=actor.locality, kind=kind)
    if request.method == "POST":
        form = DocumentVersionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                version = services.document_version_publish(
                    actor=actor,
                    kind=kind,
                    label=data["label"],
                    text=data["text"],
                    lawful_bases_codes=data["lawful_bases"],
                    effective_on=data["effective_on"],
                    review_on=data["review_on"],
                    summary_of_changes=data["summary_of_changes"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    gettext("Published %(kind)s version %(label)s. Every member agency must now sign it.")
                    % {"kind": kind.label.lower(), "label": version.label}
                    + (
                        " " + gettext("Until an agency signs, marac shows it no case information.")
                        if kind == DocumentKind.AGREEMENT
                        else ""
                    ),
                )
                return redirect(f"{reverse('governance:documents')}#{kind}-current")
    else:
        today = timezone.localdate()
        initial = {"effective_on": today, "review_on": _a_year_after(today)}
        if current is not None:
            # A new version is usually a few changes to the current one: start from its wording.
            initial |= {"text": current.text, "lawful_bases": current.lawful_bases}
        form = DocumentVersionForm(initial=initial)
    return render(
        request,
        "governance/version_new.html",
        {
            "form": form,
            "kind": kind,
            "current": current,
            "locality": actor.locality,
            "unsigned_count": selectors.agencies_without_current_signature(actor.locality).count()
            if kind == DocumentKind.AGREEMENT
            else None,
        },
    )


def sign(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "governance.sign", object_type="governance.documentversion", object_id=pk)
    version: DocumentVersion = guard.fetch(actor, selectors.visible_document_versions(actor), pk, audit=False)
    existing = selectors.signature_of(agency=actor.agency, version=version)
    if request.method == "POST":
        form = SignatureForm(request.POST)
        if form.is_valid():
            try:
                signature, created = services.document_sign(
                    actor=actor,
                    version=version,
                    signer_name=form.cleaned_data["signer_name"],
                    signer_role=form.cleaned_data["signer_role"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if created:
                    messages.success(
                        request,
                        gettext("%(agency)s has signed %(kind)s version %(label)s.")
                        % {
                            "agency": actor.agency,
                            "kind": version.document.get_kind_display().lower(),
                            "label": version.label,
                        },
                    )
                else:
                    messages.info(
                        request,
                        gettext("%(agency)s had already signed version %(label)s on %(signed_on)s; nothing changed.")
                        % {
                            "agency": actor.agency,
                            "label": version.label,
                            "signed_on": formats.date_format(timezone.localtime(signature.signed_at), "d F Y"),
                        },
                    )
                return redirect(f"{reverse('governance:documents')}#{version.kind}-current")
    else:
        user = actor.user
        form = SignatureForm(initial={"signer_name": user.get_full_name()})
    return render(
        request,
        "governance/sign.html",
        {
            "form": form,
            "version": version,
            "is_current": selectors.is_current(version),
            "existing": existing,
            "agency": actor.agency,
            "locality": actor.locality,
        },
    )
