"""The demo keeps two-factor sign-in: every demo user has an authenticator key, printed with the log-ins."""

import base64
import io

from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from marac.accounts.tests.helpers import enter_code, enter_password
from marac.demo import data
from marac.demo.builder.organisation import demo_totp_key


def test_demo_users_sign_in_with_the_printed_key(db, settings):
    settings.MARAC_DEMO_OTP_CODE = ""
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    printed = out.getvalue()
    usernames = [username for username, *_rest in data.USERS] + [data.SUPERUSER]
    devices = TOTPDevice.objects.filter(user__username__in=usernames, confirmed=True).select_related("user")
    assert sorted(device.user.username for device in devices) == sorted(usernames)
    assert all(device.key == demo_totp_key(device.user.username) for device in devices)
    assert len({device.key for device in devices}) == len(usernames)

    line = next(line for line in printed.splitlines() if line.startswith("coordinator "))
    secret = next(word for word in line.split() if len(word) == 32)
    assert "Or run the server with MARAC_DEMO_OTP_CODE=000000" in printed
    key = base64.b32decode(secret)
    client = Client()
    assert enter_password(client, "coordinator", data.DEMO_PASSWORD).status_code == 302
    code = f"{TOTP(key).token():06d}"
    assert enter_code(client, code).status_code == 302
    assert client.get("/").status_code == 200


def test_the_key_is_the_same_on_every_build():
    assert demo_totp_key("coordinator") == demo_totp_key("coordinator") != demo_totp_key("chair")
    assert len(bytes.fromhex(demo_totp_key("chair"))) == 20
