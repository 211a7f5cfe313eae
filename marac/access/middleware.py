from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from marac.access.actor import SESSION_MEMBERSHIP_KEY, actor_for_user


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


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
        return self.get_response(request)
