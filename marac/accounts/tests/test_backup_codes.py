"""A signed-in user sees how many backup codes are left and can replace them all; new ones are shown once."""

import re

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from marac.access.actor import actor_for_user
from marac.accounts import services
from marac.accounts.tests.helpers import enter_code, enter_password
from marac.audit.models import AuditAction, AuditEvent


def test_new_codes_replace_the_old_ones(locale):
    user = locale.memberships["chair"].user
    old = services.backup_codes_issue(actor=actor_for_user(user))
    client = locale.client("chair")
    assert (
        "You have <strong>10</strong> backup codes left."
        in client.get(reverse("accounts:backup_codes")).content.decode()
    )
    response = client.post(reverse("accounts:backup_codes_new"))
    assert response.status_code == 302
    page = client.get(reverse("accounts:backup_codes")).content.decode()
    new = re.findall(r"<li><strong>([a-z2-7]{8})</strong></li>", page)
    assert len(new) == 10
    assert not set(old) & set(new)
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(new)
    assert (
        AuditEvent.objects.filter(actor=user, action=AuditAction.UPDATE, summary__startswith="Issued 10").count() == 2
    )
    stranger = Client()
    enter_password(stranger, user.username)
    assert enter_code(stranger, old[0]).status_code == 200


def test_the_page_needs_the_second_step(locale):
    user = locale.memberships["chair"].user
    client = Client()
    enter_password(client, user.username)
    assert client.get(reverse("accounts:backup_codes")).status_code == 302
    assert client.post(reverse("accounts:backup_codes_new")).status_code == 302
    assert not StaticToken.objects.filter(device__user=user).exists()
