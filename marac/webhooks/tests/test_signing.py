"""A receiver can verify a delivery with nothing but its secret: HMAC-SHA256 over "<t>.<body>", computed here
independently of the code that signs."""

import datetime as dt
import hashlib
import hmac
import json

import pytest

from marac.agencies.models import Role
from marac.referrals.tests.factories import refer
from marac.webhooks.delivery import deliveries_send
from marac.webhooks.models import WebhookDelivery
from marac.webhooks.tests.helpers import FakeReceiver, subscribed

pytestmark = pytest.mark.django_db

SENT_AT = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)


def test_the_receiver_verifies_the_signature_with_its_secret(locale):
    created = subscribed(locale.police, Role.REFERRER, ["referral.received"])
    referral = refer(locale, "police_referrer").referral
    receiver = FakeReceiver()
    deliveries_send(send=receiver, clock=lambda: SENT_AT)
    [posted] = receiver.posted
    delivery = WebhookDelivery.objects.get()
    assert posted.url == "https://receiver.example/hooks"
    assert posted.headers["X-Marac-Event"] == "referral.received"
    assert posted.headers["X-Marac-Delivery"] == str(delivery.pk)
    assert posted.headers["Content-Type"] == "application/json"
    timestamp, v1 = posted.headers["X-Marac-Signature"].split(",")
    assert timestamp == "t=1795771800"
    expected = hmac.new(created.secret.encode("ascii"), b"1795771800." + posted.body, hashlib.sha256).hexdigest()
    assert v1 == f"v1={expected}"
    assert json.loads(posted.body)["data"]["referral"] == referral.pk


def test_a_signature_made_with_another_secret_or_over_another_body_does_not_match(locale):
    created = subscribed(locale.police, Role.REFERRER, ["referral.received"])
    refer(locale, "police_referrer")
    receiver = FakeReceiver()
    deliveries_send(send=receiver, clock=lambda: SENT_AT)
    [posted] = receiver.posted
    sent = posted.headers["X-Marac-Signature"].split("v1=")[1]
    tampered = posted.body.replace(b"referral.received", b"action.overdue")
    assert tampered != posted.body
    for secret, body in (("0" * 64, posted.body), (created.secret, tampered)):
        assert hmac.new(secret.encode(), b"1795771800." + body, hashlib.sha256).hexdigest() != sent


def test_each_subscription_has_its_own_secret(locale):
    first = subscribed(locale.police, Role.REFERRER, ["referral.received"])
    second = subscribed(locale.housing, Role.AGENCY_REP, ["referral.received"])
    assert len(first.secret) == 64 and len(second.secret) == 64
    assert first.secret != second.secret
