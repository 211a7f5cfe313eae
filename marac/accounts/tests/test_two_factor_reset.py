import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from marac.access.actor import actor_for_user
from marac.accounts import services
from marac.accounts.tests.helpers import enter_password, with_authenticator
from marac.audit.models import AuditAction, AuditEvent


def test_a_reset_user_sets_up_a_new_app_at_next_sign_in(locale):
    user = locale.memberships["health_rep"].user
    with_authenticator(user)
    services.backup_codes_issue(actor=actor_for_user(user))
    out = io.StringIO()
    call_command("two_factor_reset", user.username, stdout=out)
    assert "Removed 2 second-step devices" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(user.pk), detail__devices_removed=2)
    assert event.actor is None
    response = enter_password(Client(), user.username)
    assert response.url.startswith(reverse("accounts:set_up"))


def test_an_unknown_user_is_an_error(db):
    with pytest.raises(CommandError, match="no user called 'nobody'"):
        call_command("two_factor_reset", "nobody")
