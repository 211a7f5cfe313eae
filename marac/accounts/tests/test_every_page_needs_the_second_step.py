"""Every page of the rulebook's walk sends someone who entered only a password to the second step first."""

import pytest
from django.test import Client
from django.urls import reverse

from marac.access.tests.test_url_walk import RULES
from marac.access.tests.world import build_world
from marac.accounts.tests.helpers import enter_password, with_authenticator
from marac.audit.models import AuditAction, AuditEvent


@pytest.mark.parametrize("url_name", sorted(RULES))
def test_a_password_alone_opens_no_page(locale, url_name):
    world = build_world(locale)
    method, fill, _allowed = RULES[url_name]
    user = locale.memberships["coordinator"].user
    with_authenticator(user)
    client = Client()
    enter_password(client, user.username)
    seen_before = AuditEvent.objects.exclude(action=AuditAction.LOGIN).count()
    response = getattr(client, method)(reverse(url_name, kwargs=fill(world)))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:second_step"))
    assert AuditEvent.objects.exclude(action=AuditAction.LOGIN).count() == seen_before, "nothing was read or done"
