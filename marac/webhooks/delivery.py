"""Sending the outbox: each due delivery is claimed, posted signed, and recorded as delivered, to retry, or failed.

A claim pushes the delivery's next attempt past the time a send can take (a lease), in a short transaction of its
own, so the HTTP call holds no lock: two workers never send the same delivery, and one that dies mid-send leaves
it to be retried when the lease ends. On PostgreSQL the claim skips rows another worker has locked; SQLite runs one
writer at a time anyway.
"""

import datetime as dt
import http.client
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from marac.webhooks.models import WebhookDelivery
from marac.webhooks.services import DISABLED_ERROR
from marac.webhooks.signing import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, body_bytes, signature

# Posts a body and returns the receiver's HTTP status; raises OSError (or http.client.HTTPException) when there is none.
Sender = Callable[[str, bytes, Mapping[str, str], float], int]
Clock = Callable[[], dt.datetime]

LONGEST_WAIT = dt.timedelta(hours=6)
CLIENT_INACTIVE_ERROR = "Not sent: the API client's membership, agency or user is no longer active."


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is answered as a failure: following it would post the signed body somewhere nobody subscribed."""

    def redirect_request(self, *args, **kwargs):
        return None


def http_post(url: str, body: bytes, headers: Mapping[str, str], timeout: float) -> int:
    request = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")
    try:
        with urllib.request.build_opener(_NoRedirects).open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


def retry_wait(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed attempt: the base, doubled after each failure, at most six hours."""
    base = dt.timedelta(seconds=settings.MARAC_WEBHOOK_RETRY_BASE_SECONDS)
    return min(base * 2 ** (attempts - 1), LONGEST_WAIT)


@dataclass
class DeliveryReport:
    delivered: int = 0
    to_retry: int = 0
    failed: int = 0

    def summary(self) -> str:
        return f"{self.delivered} delivered, {self.to_retry} to retry, {self.failed} failed"


def _due(now: dt.datetime) -> Q:
    return Q(delivered_at__isnull=True, failed_at__isnull=True, next_attempt_at__lte=now)


def _claim(clock: Clock) -> WebhookDelivery | None:
    now = clock()
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(_due(now))
            .order_by("next_attempt_at", "pk")
            .first()
        )
        if delivery is None:
            return None
        lease = dt.timedelta(seconds=settings.MARAC_WEBHOOK_TIMEOUT_SECONDS * 2)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=now + lease)
    return WebhookDelivery.objects.select_related(
        "subscription__client__membership__agency", "subscription__client__membership__user"
    ).get(pk=delivery.pk)


def _refusal(delivery: WebhookDelivery) -> str:
    """Why the delivery may no longer be sent (disabled, or the client stopped since it was written), or ""."""
    if not delivery.subscription.is_active:
        return DISABLED_ERROR
    membership = delivery.subscription.client.membership
    if not (membership.is_active and membership.agency.is_active and membership.user.is_active):
        return CLIENT_INACTIVE_ERROR
    return ""


def _post(delivery: WebhookDelivery, send: Sender, now: dt.datetime) -> tuple[int | None, str]:
    subscription = delivery.subscription
    body = body_bytes(delivery.payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "marac-webhooks/1",
        SIGNATURE_HEADER: signature(secret=subscription.secret, timestamp=int(now.timestamp()), body=body),
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.pk),
    }
    try:
        status = send(subscription.target_url, body, headers, settings.MARAC_WEBHOOK_TIMEOUT_SECONDS)
    except (OSError, http.client.HTTPException, ValueError) as error:
        return None, f"{type(error).__name__}: {error}"
    return status, "" if 200 <= status < 300 else f"HTTP {status}"


def _attempt(delivery: WebhookDelivery, send: Sender, clock: Clock, report: DeliveryReport) -> None:
    if refusal := _refusal(delivery):
        delivery.failed_at = clock()
        delivery.last_error = refusal
        delivery.save(update_fields=["failed_at", "last_error"])
        report.failed += 1
        return
    status, error = _post(delivery, send, clock())
    now = clock()
    delivery.attempts += 1
    delivery.last_status = status
    delivery.last_error = error[: WebhookDelivery._meta.get_field("last_error").max_length]
    if not error:
        delivery.delivered_at = now
        report.delivered += 1
    elif delivery.attempts >= settings.MARAC_WEBHOOK_MAX_ATTEMPTS:
        delivery.failed_at = now
        report.failed += 1
    else:
        delivery.next_attempt_at = now + retry_wait(delivery.attempts)
        report.to_retry += 1
    delivery.save(
        update_fields=["attempts", "last_status", "last_error", "delivered_at", "failed_at", "next_attempt_at"]
    )


def deliveries_send(*, send: Sender = http_post, clock: Clock = timezone.now, limit: int = 1000) -> DeliveryReport:
    """Post every delivery due now, at most `limit` of them, one at a time; safe to run in several workers."""
    report = DeliveryReport()
    for _ in range(limit):
        delivery = _claim(clock)
        if delivery is None:
            break
        _attempt(delivery, send, clock, report)
    return report
