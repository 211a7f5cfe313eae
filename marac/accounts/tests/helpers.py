"""Steps of the sign-in flow as a browser takes them, for the tests of this app."""

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from marac.accounts.devices import AUTHENTICATOR_NAME

PASSWORD = "correct-horse-battery"  # marac.testing.factories.UserFactory's


def with_authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True)


def enter_password(client: Client, username: str, password: str = PASSWORD, *, next_url: str = ""):
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": password})


def enter_code(client: Client, code: str, *, next_url: str = ""):
    return client.post(reverse("accounts:second_step"), {"code": code, "next": next_url})
