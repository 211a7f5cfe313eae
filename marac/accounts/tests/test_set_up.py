"""A user without an authenticator app sets one up after the password: key and QR code, a code, backup codes."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from marac.accounts.devices import authenticator_of
from marac.accounts.testing import app_code
from marac.accounts.tests.helpers import enter_password, with_authenticator
from marac.audit.models import AuditAction, AuditEvent


@pytest.fixture
def user(locale):
    return locale.memberships["housing_rep"].user


@pytest.fixture
def client_after_password(user):
    client = Client()
    response = enter_password(client, user.username, next_url="/meetings/")
    assert response.url == reverse("accounts:set_up") + "?next=%2Fmeetings%2F"
    return client


def test_the_page_shows_the_key_and_a_qr_code_and_keeps_them_between_visits(user, client_after_password):
    first = client_after_password.get(reverse("accounts:set_up")).content.decode()
    device = authenticator_of(user, confirmed=False)
    assert device is not None
    assert '<svg width="' in first and "<title>QR code with the key for your authenticator app</title>" in first
    secret = re.search(r"<strong>([A-Z2-7 ]{20,})</strong>", first).group(1)
    assert len(secret.replace(" ", "")) == 32
    second = client_after_password.get(reverse("accounts:set_up")).content.decode()
    assert secret in second
    assert TOTPDevice.objects.filter(user=user).count() == 1
    assert client_after_password.get(reverse("home")).url.startswith(reverse("accounts:set_up"))


def test_a_wrong_code_does_not_set_the_app_up(user, client_after_password):
    client_after_password.get(reverse("accounts:set_up"))
    device = authenticator_of(user, confirmed=False)
    wrong = f"{(int(app_code(device)) + 5) % 1_000_000:06d}"
    response = client_after_password.post(reverse("accounts:set_up"), {"code": wrong})
    assert response.status_code == 200
    assert "The code is not right" in response.content.decode()
    assert authenticator_of(user) is None


def test_the_right_code_sets_it_up_signs_in_and_shows_ten_backup_codes_once(user, client_after_password):
    client_after_password.get(reverse("accounts:set_up"))
    device = authenticator_of(user, confirmed=False)
    response = client_after_password.post(reverse("accounts:set_up"), {"code": app_code(device), "next": "/meetings/"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:backup_codes") + "?next=%2Fmeetings%2F"
    assert authenticator_of(user).pk == device.pk
    page = client_after_password.get(response.url).content.decode()
    codes = re.findall(r"<li><strong>([a-z2-7]{8})</strong></li>", page)
    assert len(codes) == 10
    assert sorted(codes) == sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert 'href="/meetings/"' in page
    again = client_after_password.get(reverse("accounts:backup_codes")).content.decode()
    assert not set(codes) & set(re.findall(r"[a-z2-7]{8}", again))
    assert "You have <strong>10</strong> backup codes left." in again
    assert client_after_password.get(reverse("meetings:list")).status_code == 200
    summaries = AuditEvent.objects.filter(actor=user, action__in=[AuditAction.CREATE, AuditAction.UPDATE])
    assert set(summaries.values_list("summary", flat=True)) == {
        "Started setting up an authenticator app for the second sign-in step",
        "Set up an authenticator app for the second sign-in step",
        "Issued 10 new backup codes; earlier ones no longer work",
    }


def test_an_app_already_set_up_cannot_be_replaced_with_the_password_alone(user):
    with_authenticator(user)
    client = Client()
    enter_password(client, user.username)
    response = client.get(reverse("accounts:set_up"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:second_step"))
    assert TOTPDevice.objects.filter(user=user).count() == 1
