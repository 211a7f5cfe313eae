"""API clients and tokens for tests, registered and issued through the services, as an operator would."""

import datetime as dt

from rest_framework.test import APIClient

from marac.access.actor import Actor
from marac.agencies.models import Agency
from marac.api.models import ApiClient
from marac.api.services import IssuedToken, api_client_create, api_token_issue

SYSTEM = Actor(user=None, membership=None)

# Every permission an agency representative's system would use.
AGENCY_REP_SCOPES = ["action.list", "action.update", "case.list", "incident.list", "incident.record", "referral.create"]


def registered_client(agency: Agency, role: str, name: str = "Records system") -> ApiClient:
    return api_client_create(actor=SYSTEM, agency=agency, name=name, role=role)


def issued_token(client: ApiClient, scopes: list[str], lifetime: dt.timedelta | None = None) -> IssuedToken:
    return api_token_issue(actor=SYSTEM, client=client, scopes=scopes, lifetime=lifetime)


def bearer(text: str) -> APIClient:
    """A client that sends the token on every call, and no session."""
    http = APIClient()
    http.credentials(HTTP_AUTHORIZATION=f"Bearer {text}")
    return http


def system_client(agency: Agency, role: str, scopes: list[str]) -> APIClient:
    """A registered client's HTTP client, in one step."""
    return bearer(issued_token(registered_client(agency, role), scopes).text)
