"""Signing in takes two steps: the password, then a code from the authenticator app; only then the pages open."""

import pytest
from django.test import Client
from django.urls import reverse

from marac.accounts.testing import app_code
from marac.accounts.tests.helpers import enter_code, enter_password, with_authenticator
from marac.audit.models import AuditAction, AuditEvent


@pytest.fixture
def user(locale):
    return locale.memberships["coordinator"].user


def test_the_password_leads_to_the_second_step_not_to_the_page(user):
    with_authenticator(user)
    client = Client()
    response = enter_password(client, user.username, next_url="/meetings/")
    assert response.status_code == 302
    assert response.url == reverse("accounts:second_step") + "?next=%2Fmeetings%2F"
    # Signed in with a password only, every page still sends the user to the second step.
    page = client.get(reverse("referrals:case_list"))
    assert page.status_code == 302
    assert page.url == reverse("accounts:second_step") + "?next=%2Fcases%2F"


def test_the_code_opens_the_page_asked_for(user):
    device = with_authenticator(user)
    client = Client()
    enter_password(client, user.username)
    response = enter_code(client, app_code(device), next_url=reverse("meetings:list"))
    assert response.status_code == 302
    assert response.url == reverse("meetings:list")
    assert client.get(reverse("meetings:list")).status_code == 200
    events = AuditEvent.objects.filter(actor=user, action=AuditAction.LOGIN).order_by("pk")
    assert [event.detail["step"] for event in events] == ["password", "second"]
    assert events.last().detail["method"] == "the authenticator app"


def test_a_link_elsewhere_is_not_followed_after_signing_in(user):
    device = with_authenticator(user)
    client = Client()
    enter_password(client, user.username)
    response = enter_code(client, app_code(device), next_url="https://elsewhere.example/")
    assert response.url == reverse("home")


def test_the_second_step_is_not_reachable_without_the_password():
    response = Client().get(reverse("accounts:second_step"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_wrong_password_stays_on_the_sign_in_page(user):
    response = enter_password(Client(), user.username, "not-the-password")
    assert response.status_code == 200
    assert "Enter a correct user name and password" in response.content.decode()


def test_the_session_changes_once_both_steps_pass(user):
    device = with_authenticator(user)
    client = Client()
    enter_password(client, user.username)
    between_steps = client.session.session_key
    enter_code(client, app_code(device))
    assert client.session.session_key != between_steps
