"""Who calls: a bearer token resolves to its client's actor; a signed-in browser session keeps its own actor.

Either way `request.actor` is what the pages get from `ActorMiddleware`, so every service, selector and guard
downstream sees an ordinary member of an agency.
"""

import datetime as dt

from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from marac.access.actor import Actor
from marac.access.middleware import client_ip
from marac.api import token_format
from marac.api.models import ApiToken

# Writing the time of last use on every call would cost a write each time: a minute's precision is plenty.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
REFUSED = "Invalid, expired or revoked token."


def valid_token(text: str) -> ApiToken | None:
    """The token `text` presents, when it is known, its secret matches, it is neither revoked nor expired, and its
    client's membership and agency are active."""
    presented = token_format.parse(text)
    if presented is None:
        return None
    token = (
        ApiToken.objects.select_related("client__membership__user", "client__membership__agency__locality")
        .filter(prefix=presented.prefix)
        .first()
    )
    if token is None or not token_format.secret_matches(presented.secret, token.secret_hash):
        return None
    membership = token.client.membership
    if token.revoked_at is not None or token.expires_at <= timezone.now():
        return None
    if not (membership.is_active and membership.agency.is_active and membership.user.is_active):
        return None
    return token


def _mark_used(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer marac_<prefix>_<secret>`; anything refused is a 401, whatever the reason."""

    keyword = "Bearer"

    def authenticate(self, request: Request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(REFUSED)
        try:
            text = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(REFUSED) from None
        token = valid_token(text)
        if token is None:
            raise exceptions.AuthenticationFailed(REFUSED)
        _mark_used(token)
        membership = token.client.membership
        django_request = request._request
        django_request.actor = Actor(user=membership.user, membership=membership, ip_address=client_ip(django_request))
        django_request.api_token = token
        return membership.user, token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """The pages' own session, for the browsable documentation: only once the second sign-in step is passed."""

    def authenticate(self, request: Request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, _ = result
        if not user.is_verified():
            return None
        return result
