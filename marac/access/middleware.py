import ipaddress
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from marac.access.actor import SESSION_MEMBERSHIP_KEY, actor_for_user

_current_request: ContextVar[HttpRequest | None] = ContextVar("marac_current_request", default=None)


def current_actor():
    """The actor of the request being handled, for code far from the view (auditing a refused form choice)."""
    request = _current_request.get()
    return getattr(request, "actor", None) if request is not None else None


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from, as the audit trail and the sign-in lock-outs record it.

    Behind `MARAC_TRUSTED_PROXIES` proxies, each proxy appends to X-Forwarded-For the address it was reached from: the
    entry that many from the end is the one the outermost proxy saw. Entries further left are whatever the client
    chose to send and are not believed; a header too short to have passed every proxy leaves the connection's own
    address.
    """
    connected = request.META.get("REMOTE_ADDR") or None
    proxies = settings.MARAC_TRUSTED_PROXIES
    if not proxies:
        return connected
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < proxies:
        return connected
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return connected


class ActorMiddleware:
    """Attaches `request.actor`: the user, the agency and role they act for, and a request id for audit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = SimpleLazyObject(
            lambda: actor_for_user(
                request.user,
                membership_id=request.session.get(SESSION_MEMBERSHIP_KEY),
                ip_address=client_ip(request),
            )
        )
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
