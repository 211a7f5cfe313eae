"""Sending the outbox: delivered once, retried with a doubling wait, failed after the last attempt, never sent twice,
and posted over real HTTP without following redirects."""

import datetime as dt
import http.server
import threading

import pytest
from django.core.management import call_command

from marac.agencies.models import Role
from marac.referrals.tests.factories import refer
from marac.webhooks.delivery import deliveries_send, retry_wait
from marac.webhooks.models import WebhookDelivery
from marac.webhooks.services import subscription_disable
from marac.webhooks.tests.helpers import SYSTEM, FakeReceiver, subscribed

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)


def at(seconds: float):
    return lambda: START + dt.timedelta(seconds=seconds)


@pytest.fixture
def pending(locale, settings):
    """One delivery due since START, and three attempts in all, a minute apart at first."""
    settings.MARAC_WEBHOOK_MAX_ATTEMPTS = 3
    settings.MARAC_WEBHOOK_RETRY_BASE_SECONDS = 60
    settings.MARAC_WEBHOOK_TIMEOUT_SECONDS = 10
    subscribed(locale.police, Role.REFERRER, ["referral.received"])
    refer(locale, "police_referrer")
    WebhookDelivery.objects.update(created_at=START, next_attempt_at=START)
    return WebhookDelivery.objects.get()


def test_a_failure_is_retried_after_a_doubling_wait_until_it_is_delivered(pending):
    receiver = FakeReceiver(statuses=[500, 502, 204])
    assert deliveries_send(send=receiver, clock=at(0)).summary() == "0 delivered, 1 to retry, 0 failed"
    pending.refresh_from_db()
    assert (pending.attempts, pending.last_status, pending.last_error) == (1, 500, "HTTP 500")
    assert pending.next_attempt_at == START + dt.timedelta(seconds=60)
    deliveries_send(send=receiver, clock=at(59))
    assert len(receiver.posted) == 1
    deliveries_send(send=receiver, clock=at(60))
    pending.refresh_from_db()
    assert pending.next_attempt_at == START + dt.timedelta(seconds=180)
    assert deliveries_send(send=receiver, clock=at(180)).delivered == 1
    pending.refresh_from_db()
    assert (pending.attempts, pending.last_status, pending.last_error) == (3, 204, "")
    assert (pending.state, pending.delivered_at) == ("delivered", START + dt.timedelta(seconds=180))
    # Each attempt is the same delivery: the receiver de-duplicates by its id.
    assert {posted.headers["X-Marac-Delivery"] for posted in receiver.posted} == {str(pending.pk)}


def test_it_fails_after_the_last_attempt_and_is_not_sent_again(pending):
    receiver = FakeReceiver(error=TimeoutError("timed out"))
    for seconds in (0, 60, 180):
        deliveries_send(send=receiver, clock=at(seconds))
    pending.refresh_from_db()
    assert (pending.state, pending.attempts, pending.failed_at) == ("failed", 3, START + dt.timedelta(seconds=180))
    assert (pending.last_status, pending.last_error) == (None, "TimeoutError: timed out")
    deliveries_send(send=receiver, clock=at(86_400))
    assert len(receiver.posted) == 3


def test_a_delivered_event_is_not_sent_again(pending):
    receiver = FakeReceiver()
    deliveries_send(send=receiver, clock=at(0))
    assert deliveries_send(send=receiver, clock=at(86_400)).summary() == "0 delivered, 0 to retry, 0 failed"
    assert len(receiver.posted) == 1


def test_a_worker_that_dies_mid_send_leaves_the_delivery_to_another_once_its_lease_ends(pending):
    def dies(*args):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        deliveries_send(send=dies, clock=at(0))
    receiver = FakeReceiver()
    # Claimed for twice the timeout: another worker leaves it alone meanwhile.
    deliveries_send(send=receiver, clock=at(19))
    assert receiver.posted == []
    deliveries_send(send=receiver, clock=at(20))
    assert len(receiver.posted) == 1


def test_disabling_a_subscription_gives_up_what_it_had_not_delivered(pending):
    subscription_disable(actor=SYSTEM, subscription=pending.subscription)
    receiver = FakeReceiver()
    deliveries_send(send=receiver, clock=at(0))
    assert receiver.posted == []
    pending.refresh_from_db()
    assert (pending.state, pending.last_error) == ("failed", "Not sent: the subscription was disabled.")


def test_a_client_stopped_since_the_event_is_sent_nothing(pending):
    membership = pending.subscription.client.membership
    membership.is_active = False
    membership.save()
    receiver = FakeReceiver()
    assert deliveries_send(send=receiver, clock=at(0)).failed == 1
    assert receiver.posted == []


def test_the_wait_doubles_and_stops_growing_at_six_hours(settings):
    settings.MARAC_WEBHOOK_RETRY_BASE_SECONDS = 60
    assert [retry_wait(n).total_seconds() for n in (1, 2, 3, 9, 10)] == [60, 120, 240, 15_360, 21_600]


class _Receiver(http.server.BaseHTTPRequestHandler):
    received: list[tuple[str, dict[str, str], bytes]] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.path, dict(self.headers), body))
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/hooks")
        else:
            self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    _Receiver.received = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_the_command_posts_over_http_and_does_not_follow_a_redirect(locale, settings, local_server, capsys):
    settings.DEBUG = True  # plain http to this machine is allowed only while developing
    subscribed(locale.police, Role.REFERRER, ["referral.received"], url=f"{local_server}/hooks")
    subscribed(locale.police, Role.REFERRER, ["referral.received"], url=f"{local_server}/moved")
    refer(locale, "police_referrer")
    call_command("deliver_webhooks")
    assert capsys.readouterr().out == "Webhooks: 1 delivered, 1 to retry, 0 failed.\n"
    assert sorted(path for path, _, _ in _Receiver.received) == ["/hooks", "/moved"]
    headers, body = next((headers, body) for path, headers, body in _Receiver.received if path == "/hooks")
    assert headers["X-Marac-Event"] == "referral.received"
    assert b'"event":"referral.received"' in body
    moved = WebhookDelivery.objects.get(subscription__target_url=f"{local_server}/moved")
    assert (moved.last_status, moved.last_error) == (302, "HTTP 302")
