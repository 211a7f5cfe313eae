"""Issuing, rotating and revoking tokens: the secret is never stored, scopes are the rulebook's, each is audited."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from marac.agencies.models import Role
from marac.api.models import ApiToken
from marac.api.services import api_token_revoke, api_token_rotate
from marac.api.tests.factories import SYSTEM, bearer, issued_token, registered_client
from marac.audit.models import AuditAction, AuditEvent


def test_the_secret_is_stored_only_as_its_hash(locale):
    issued = issued_token(registered_client(locale.police, Role.REFERRER), ["referral.create"])
    token = ApiToken.objects.get(pk=issued.token.pk)
    scheme, prefix, secret = issued.text.split("_", 2)
    assert (scheme, prefix) == ("marac", token.prefix)
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in repr(ApiToken.objects.filter(pk=token.pk).values().get())


def test_a_token_expires_after_the_lifetime_given(locale):
    before = timezone.now()
    issued = issued_token(registered_client(locale.police, Role.REFERRER), ["referral.create"], dt.timedelta(days=7))
    assert before + dt.timedelta(days=7) <= issued.token.expires_at <= timezone.now() + dt.timedelta(days=7)


def test_the_client_acts_through_a_service_membership_in_its_agency(locale):
    client = registered_client(locale.housing, Role.AGENCY_REP, name="Housing CRM")
    membership = client.membership
    assert (membership.agency, membership.role) == (locale.housing, Role.AGENCY_REP)
    assert not membership.user.has_usable_password()


@pytest.mark.parametrize(
    "scopes, message",
    [
        ([], "at least one scope"),
        (["case.read_everything"], "Not permissions of the rulebook: case.read_everything"),
        (["referral.triage"], "does not hold: referral.triage"),
    ],
)
def test_scopes_must_be_permissions_the_clients_role_holds(locale, scopes, message):
    client = registered_client(locale.police, Role.REFERRER)
    with pytest.raises(ValidationError) as refused:
        issued_token(client, scopes)
    assert message in str(refused.value)
    assert not ApiToken.objects.exists()


def test_rotation_keeps_the_old_token_for_the_overlap_only(locale):
    old = issued_token(registered_client(locale.police, Role.REFERRER), ["referral.create"]).token
    before = timezone.now()
    new = api_token_rotate(actor=SYSTEM, token=old, overlap=dt.timedelta(hours=2))
    old.refresh_from_db()
    assert before + dt.timedelta(hours=2) <= old.expires_at <= timezone.now() + dt.timedelta(hours=2)
    assert new.token.replaces == old
    assert new.token.scopes == ["referral.create"]
    with pytest.raises(ValidationError):
        api_token_rotate(actor=SYSTEM, token=old)


def test_rotation_with_no_overlap_refuses_the_old_token_at_once(locale):
    issued = issued_token(registered_client(locale.police, Role.REFERRER), ["referral.create"])
    new = api_token_rotate(actor=SYSTEM, token=issued.token, overlap=dt.timedelta(0))
    assert bearer(issued.text).get("/api/v1/referrals/").status_code == 401
    assert bearer(new.text).get("/api/v1/referrals/").status_code == 200


def test_issue_rotate_and_revoke_are_audited(locale):
    old = issued_token(registered_client(locale.police, Role.REFERRER), ["referral.create"]).token
    new = api_token_rotate(actor=SYSTEM, token=old).token
    api_token_revoke(actor=SYSTEM, token=new)
    api_token_revoke(actor=SYSTEM, token=new)
    events = AuditEvent.objects.filter(object_type="api.apitoken").order_by("pk")
    assert [(event.action, event.object_id) for event in events] == [
        (AuditAction.CREATE, str(old.pk)),
        (AuditAction.CREATE, str(new.pk)),
        (AuditAction.UPDATE, str(new.pk)),
    ]
