"""The demo's shared second-step code: accepted when MARAC_DEMO_OTP_CODE is set, refused outright in production."""

import os
import subprocess
import sys

from django.test import Client
from django.urls import reverse

from marac.accounts.tests.helpers import enter_code, enter_password, with_authenticator
from marac.audit.models import AuditEvent

SECURE_KEY = "p" * 30 + "-not-a-development-key-" + "q" * 30


def test_the_demo_code_passes_the_second_step_when_set(locale, settings):
    settings.MARAC_DEMO_OTP_CODE = "000000"
    user = locale.memberships["coordinator"].user
    with_authenticator(user)
    client = Client()
    enter_password(client, user.username)
    page = client.get(reverse("accounts:second_step")).content.decode()
    assert "the code <strong>000000</strong> works for every demo user" in page
    assert enter_code(client, "000 000").status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.get(actor=user, detail__step="second").detail["method"] == "the demo's shared code"


def test_without_the_setting_the_demo_code_is_just_a_wrong_code(locale, settings):
    settings.MARAC_DEMO_OTP_CODE = ""
    user = locale.memberships["coordinator"].user
    with_authenticator(user)
    client = Client()
    enter_password(client, user.username)
    assert "works for every demo user" not in client.get(reverse("accounts:second_step")).content.decode()
    assert enter_code(client, "000000").status_code == 200


def test_the_demo_code_is_never_accepted_in_production_even_if_it_slipped_through(locale, settings):
    settings.MARAC_DEMO_OTP_CODE = "000000"
    settings.PRODUCTION = True
    user = locale.memberships["coordinator"].user
    with_authenticator(user)
    client = Client()
    enter_password(client, user.username)
    assert enter_code(client, "000000").status_code == 200


def test_production_refuses_to_start_with_the_demo_code():
    inherited = {name: value for name, value in os.environ.items() if name != "SECRET_KEY"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "marac.settings",
        "MARAC_ENV": "production",
        "SECRET_KEY": SECURE_KEY,
        "ALLOWED_HOSTS": "marac.example.org",
        "MARAC_DEMO_OTP_CODE": "000000",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "MARAC_DEMO_OTP_CODE" in result.stderr
