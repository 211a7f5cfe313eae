"""Rate limits: per API client (all its tokens together), and per user for a browser session.

DRF throttles after authentication and the permission check, so only accepted callers are counted; a guessed token
is refused before (and its 72-bit prefix and 256-bit secret are not guessed by trying).

The rates are settings (`REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`), read on each call so that a deployment, or a
test, may change them. The counts live in Django's cache: with several processes, MARAC_CACHE=database shares them.
"""

from typing import TYPE_CHECKING

from rest_framework.request import Request

if TYPE_CHECKING:
    from rest_framework.views import APIView
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from marac.api.permissions import acting_token


class ApiRateThrottle(SimpleRateThrottle):
    def __init__(self):
        # Which rate applies is known only once the call is authenticated: see `allow_request`.
        self.ident = ""

    def allow_request(self, request: Request, view: "APIView") -> bool:
        token = acting_token(request)
        if token is not None:
            self.scope, self.ident = "api_client", f"client-{token.client_id}"
        else:
            self.scope, self.ident = "api_user", f"user-{request.user.pk}"
        self.rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: "APIView") -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.ident}
