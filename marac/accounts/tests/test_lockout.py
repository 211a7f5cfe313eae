"""Five failures in a row, of the password or of the second step, lock the user name out from that address."""

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django.urls import reverse

from marac.accounts.testing import app_code
from marac.accounts.tests.helpers import enter_code, enter_password, with_authenticator
from marac.audit.models import AuditAction, AuditEvent


@pytest.fixture
def user(locale):
    return locale.memberships["police_rep"].user


def test_five_wrong_passwords_lock_the_user_out_even_with_the_right_one(user):
    client = Client()
    for _attempt in range(4):
        assert enter_password(client, user.username, "wrong-password").status_code == 200
    locked = enter_password(client, user.username, "wrong-password")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Signing in is locked for now" in page
    assert "for 30 minutes" in page
    assert enter_password(client, user.username).status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(actor=user, detail__outcome="locked out").exists()


def test_the_lock_is_for_that_address_only(user):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _attempt in range(5):
        enter_password(attacker, user.username, "wrong-password")
    assert enter_password(attacker, user.username).status_code == 429
    colleague = Client(REMOTE_ADDR="198.51.100.4")
    assert enter_password(colleague, user.username).status_code == 302


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_wrong_codes_at_the_second_step_count_too_and_sign_the_user_out(user):
    device = with_authenticator(user)
    client = Client()
    enter_password(client, user.username)
    for _attempt in range(4):
        assert enter_code(client, "000000" if app_code(device) != "000000" else "111111").status_code == 200
    locked = enter_code(client, "999999" if app_code(device) != "999999" else "111111")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert enter_password(client, user.username).status_code == 429
    events = AuditEvent.objects.filter(actor=user, action__in=[AuditAction.LOGIN, AuditAction.LOGOUT])
    assert events.filter(detail__outcome="refused").count() == 5
    assert events.filter(action=AuditAction.LOGOUT, summary__contains="locked").exists()


def test_signing_in_fully_clears_earlier_failures(user):
    device = with_authenticator(user)
    client = Client()
    for _attempt in range(4):
        enter_password(client, user.username, "wrong-password")
    enter_password(client, user.username)
    assert AccessAttempt.objects.filter(username=user.username).exists()
    enter_code(client, app_code(device))
    assert not AccessAttempt.objects.filter(username=user.username).exists()


def test_a_test_client_signed_in_directly_is_not_affected(locale, user):
    for _attempt in range(5):
        enter_password(Client(), user.username, "wrong-password")
    assert locale.client("police_rep").get(reverse("home")).status_code == 200
