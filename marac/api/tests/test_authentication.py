"""A token is refused (401) unless it is known, its secret matches, and it is neither revoked nor expired, and its
client's membership and agency are active. A missing scope is a 403; a role without the permission, a 404."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from marac.agencies.models import Role
from marac.api.models import ApiToken
from marac.api.services import api_token_revoke
from marac.api.tests.factories import SYSTEM, bearer, issued_token, registered_client
from marac.audit.models import AuditAction, AuditEvent

URL = "/api/v1/referrals/"


@pytest.fixture
def issued(locale):
    return issued_token(registered_client(locale.police, Role.REFERRER), ["referral.create"])


def test_a_valid_token_is_accepted_and_its_use_recorded(issued):
    assert bearer(issued.text).get(URL).status_code == 200
    issued.token.refresh_from_db()
    assert issued.token.last_used_at is not None


def test_a_revoked_token_is_refused(issued):
    api_token_revoke(actor=SYSTEM, token=issued.token)
    response = bearer(issued.text).get(URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_an_expired_token_is_refused(issued):
    ApiToken.objects.filter(pk=issued.token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert bearer(issued.text).get(URL).status_code == 401


@pytest.mark.parametrize(
    "mangle",
    [
        lambda text: text[:-1] + ("A" if text[-1] != "A" else "B"),  # the secret wrong by one letter
        lambda text: text.replace("marac_", "marac_0", 1),  # a prefix nobody holds
        lambda text: "not-a-token",
        lambda text: f"{text} extra",
    ],
)
def test_a_wrong_or_malformed_token_is_refused(issued, mangle):
    assert bearer(mangle(issued.text)).get(URL).status_code == 401


def test_no_credentials_at_all_is_refused(db):
    assert APIClient().get(URL).status_code == 401


@pytest.mark.parametrize("what", ["membership", "agency", "user"])
def test_a_client_whose_membership_or_agency_is_inactive_is_refused(issued, what):
    membership = issued.token.client.membership
    target = {"membership": membership, "agency": membership.agency, "user": membership.user}[what]
    target.is_active = False
    target.save(update_fields=["is_active"])
    assert bearer(issued.text).get(URL).status_code == 401


def test_a_token_without_the_scope_gets_403_and_the_refusal_is_audited(locale):
    issued = issued_token(registered_client(locale.housing, Role.AGENCY_REP), ["referral.create"])
    response = bearer(issued.text).get("/api/v1/actions/")
    assert response.status_code == 403
    user = issued.token.client.membership.user
    refusal = AuditEvent.objects.get(actor=user, action=AuditAction.DENIED, summary__contains="scope")
    assert refusal.detail["scope"] == "action.list"


def test_a_role_without_the_permission_gets_404_as_on_the_pages(locale):
    """The referrer's role holds no case.list: her session is refused as the case list page refuses her."""
    response = locale.client("police_referrer").get("/api/v1/cases/")
    assert response.status_code == 404
    user = locale.memberships["police_referrer"].user
    assert AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED, summary="Lacks case.list").exists()


def test_a_signed_in_session_uses_the_api_with_its_own_role(locale):
    response = locale.client("coordinator").get("/api/v1/cases/")
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_every_call_is_audited_once_with_its_answer(issued, locale):
    http = bearer(issued.text)
    http.get(URL)
    http.get("/api/v1/referrals/999999/")
    api_token_revoke(actor=SYSTEM, token=issued.token)
    http.get(URL)
    calls = AuditEvent.objects.filter(detail__api_call=True).order_by("pk")
    assert [(event.detail["method"], event.detail["path"], event.detail["status"]) for event in calls] == [
        ("GET", URL, 200),
        ("GET", "/api/v1/referrals/999999/", 404),
        ("GET", URL, 401),
    ]
    assert [event.detail["client"] for event in calls] == [issued.token.client_id, issued.token.client_id, None]
    assert [event.action for event in calls] == [AuditAction.VIEW, AuditAction.DENIED, AuditAction.DENIED]


def test_calls_past_the_clients_rate_are_refused_with_429(issued, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_client": "2/minute", "api_user": "2/minute"},
    }
    http = bearer(issued.text)
    assert [http.get(URL).status_code for _ in range(3)] == [200, 200, 429]
