"""Requests refused before any view runs: a missing or wrong CSRF token, or a request too large or malformed.
Each refusal is audited, because a tampered form is as much an attempt on the data as a guessed URL."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from marac.access.actor import Actor
from marac.access.middleware import client_ip
from marac.audit.models import AuditAction
from marac.audit.services import audit_record


def _actor(request: HttpRequest) -> Actor:
    """The request's actor (set by ActorMiddleware before any refusal here); the system with the caller's address
    when the request failed before that middleware ran."""
    return getattr(request, "actor", None) or Actor(user=None, membership=None, ip_address=client_ip(request))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    audit_record(
        actor=_actor(request),
        action=AuditAction.DENIED,
        summary="Refused a form without a valid security token",
        detail={"path": request.path[:200], "method": request.method, "reason": reason[:200]},
    )
    return render(request, "errors/403_csrf.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    audit_record(
        actor=_actor(request),
        action=AuditAction.DENIED,
        summary="Refused a malformed or oversized request",
        detail={"path": request.path[:200], "method": request.method, "error": type(exception).__name__},
    )
    return render(request, "errors/400.html", status=400)
