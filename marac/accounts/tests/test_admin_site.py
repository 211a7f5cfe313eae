"""The admin site needs the second step too, and signs people in only through the two-step flow."""

import pytest
from django.test import Client
from django.urls import reverse

from marac.accounts.testing import verified_client
from marac.accounts.tests.helpers import enter_password, with_authenticator
from marac.audit.models import AuditAction, AuditEvent
from marac.testing.factories import UserFactory


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


def test_a_verified_superuser_reaches_the_admin(staff):
    assert verified_client(staff).get(reverse("admin:index")).status_code == 200


def test_a_password_alone_is_not_enough(staff):
    with_authenticator(staff)
    client = Client()
    enter_password(client, staff.username)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:second_step"))


def test_the_admin_sign_in_form_sends_people_to_ours(db):
    response = Client().get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login") + "?next=/admin/"
    assert response.status_code == 200


def test_the_admin_does_not_take_a_password_itself(staff):
    response = Client().post(reverse("admin:login"), {"username": staff.username, "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_someone_not_staff_finds_no_admin(locale):
    client = locale.client("admin")  # the locality administrator role, not Django staff
    assert client.get(reverse("admin:login")).status_code == 404
    assert client.get(reverse("admin:index"), follow=True).status_code == 404


def test_the_admin_hides_authenticator_keys(staff):
    device = with_authenticator(staff)
    page = verified_client(staff).get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200
    assert device.key not in page.content.decode()


def test_signing_out_of_the_admin_is_audited(staff):
    client = verified_client(staff)
    client.post(reverse("admin:logout"))
    assert AuditEvent.objects.filter(
        actor=staff, action=AuditAction.LOGOUT, summary="Signed out from the admin site"
    ).exists()
    assert client.get(reverse("admin:index")).status_code == 302
