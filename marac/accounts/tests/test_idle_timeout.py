"""A session left alone for the idle timeout (30 minutes, or the locality's own) is signed out."""

import time

from django.urls import reverse

from marac.accounts.middleware import SESSION_LAST_ACTIVITY_KEY
from marac.accounts.testing import verified_client
from marac.agencies.models import Locality
from marac.audit.models import AuditAction, AuditEvent
from marac.testing.factories import UserFactory


def _idle_for(client, minutes: float) -> None:
    session = client.session
    session[SESSION_LAST_ACTIVITY_KEY] = int(time.time() - minutes * 60)
    session.save()


def test_after_thirty_idle_minutes_the_next_request_signs_out_with_a_message(locale):
    client = locale.client("coordinator")
    _idle_for(client, 31)
    response = client.get(reverse("referrals:case_list"), follow=True)
    assert response.redirect_chain[0][0] == reverse("login") + "?next=/cases/"
    assert "You were signed out after 30 minutes without activity." in response.content.decode()
    assert "_auth_user_id" not in client.session
    user = locale.memberships["coordinator"].user
    event = AuditEvent.objects.get(actor=user, action=AuditAction.LOGOUT)
    assert event.summary == "Signed out after 30 minutes without activity"


def test_activity_within_the_timeout_keeps_the_session(locale):
    client = locale.client("coordinator")
    _idle_for(client, 29)
    assert client.get(reverse("home")).status_code == 200
    assert time.time() - client.session[SESSION_LAST_ACTIVITY_KEY] < 5


def test_a_user_with_no_agency_has_the_settings_timeout(db, settings):
    settings.MARAC_IDLE_TIMEOUT_MINUTES = 10
    client = verified_client(UserFactory(is_staff=True))
    _idle_for(client, 11)
    response = client.get(reverse("home"), follow=True)
    assert "You were signed out after 10 minutes without activity." in response.content.decode()


def test_a_locality_with_its_own_timeout_uses_it(locale):
    Locality.objects.filter(pk=locale.locality.pk).update(idle_timeout_minutes=5)
    client = locale.client("coordinator")
    _idle_for(client, 6)
    response = client.get(reverse("home"), follow=True)
    assert "You were signed out after 5 minutes without activity." in response.content.decode()


def test_an_htmx_request_after_the_timeout_loads_the_whole_sign_in_page(locale):
    client = locale.client("coordinator")
    _idle_for(client, 31)
    response = client.get(reverse("home"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("login")
    assert "_auth_user_id" not in client.session
