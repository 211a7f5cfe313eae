"""For tests: a client signed in through both steps, and the codes an authenticator app would show."""

import time

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.test import Client
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from marac.accounts.devices import AUTHENTICATOR_NAME, authenticator_of
from marac.accounts.middleware import mark_active


def verified_client(user: AbstractBaseUser, client: Client | None = None) -> Client:
    """Signs `user` in (force_login) and marks the session as through the second step, as django-otp does."""
    client = client or Client()
    client.force_login(user)
    device = authenticator_of(user) or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True)
    request = HttpRequest()
    request.session = client.session
    request.user = user
    otp_login(request, device)
    mark_active(request)
    request.session.save()
    return client


def app_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the app shows now (or `steps_ahead` periods later: django-otp refuses a code used before)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"
