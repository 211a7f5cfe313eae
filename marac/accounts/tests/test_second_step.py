"""The second step takes the app's current code or a backup code, once each; anything else is refused and audited."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from marac.access.actor import actor_for_user
from marac.accounts import services
from marac.accounts.testing import app_code
from marac.accounts.tests.helpers import enter_code, enter_password, with_authenticator
from marac.audit.models import AuditAction, AuditEvent


@pytest.fixture
def user(locale):
    return locale.memberships["idva"].user


@pytest.fixture
def half_signed_in(user):
    device = with_authenticator(user)
    client = Client()
    enter_password(client, user.username)
    return client, device


def test_a_wrong_code_is_refused_and_audited(user, half_signed_in):
    client, device = half_signed_in
    wrong = f"{(int(app_code(device)) + 1) % 1_000_000:06d}"
    response = enter_code(client, wrong)
    assert response.status_code == 200
    assert services.WRONG_CODE in response.content.decode()
    assert client.get(reverse("home")).status_code == 302
    refused = AuditEvent.objects.get(actor=user, action=AuditAction.LOGIN, detail__outcome="refused")
    assert refused.summary == "Second sign-in step failed: the code was not accepted"


def test_a_code_already_used_is_refused(user, half_signed_in):
    client, device = half_signed_in
    code = app_code(device)
    assert enter_code(client, code).status_code == 302
    other = Client()
    enter_password(other, user.username)
    assert enter_code(other, code).status_code == 200


@override_settings(OTP_STATIC_THROTTLE_FACTOR=0)
def test_a_backup_code_works_once(user, half_signed_in):
    client, _device = half_signed_in
    codes = services.backup_codes_issue(actor=actor_for_user(user))
    response = enter_code(client, codes[3].upper())
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    again = Client()
    enter_password(again, user.username)
    assert enter_code(again, codes[3]).status_code == 200
    assert enter_code(again, codes[4]).status_code == 302
    methods = AuditEvent.objects.filter(actor=user, detail__method__isnull=False).values_list(
        "detail__method", flat=True
    )
    assert list(methods) == ["a backup code", "a backup code"]


@override_settings(OTP_TOTP_THROTTLE_FACTOR=60)
def test_several_wrong_codes_in_a_row_ask_to_wait(half_signed_in):
    client, device = half_signed_in
    enter_code(client, "000001" if app_code(device) != "000001" else "000002")
    response = enter_code(client, app_code(device))  # right, but within django-otp's back-off after a failure
    assert response.status_code == 200
    assert services.WAIT_BEFORE_RETRYING in response.content.decode()


def test_no_code_at_all_asks_for_one(half_signed_in):
    client, _device = half_signed_in
    response = enter_code(client, "")
    assert "Enter the code" in response.content.decode()


def test_a_verified_user_going_back_to_the_second_step_goes_on(locale):
    client = locale.client("idva")
    response = client.get(reverse("accounts:second_step"), {"next": reverse("meetings:list")})
    assert response.status_code == 302
    assert response.url == reverse("meetings:list")
