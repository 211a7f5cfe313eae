"""Writing events into the outbox, in the transaction of the change that causes them.

A delivery row is written with the referral or action it is about, so a change rolled back leaves no event and a
committed one always has its delivery. Each subscription gets the event only when its client, acting through its
membership as the API would, holds the permission to fetch the record and may see it under the policy. The payload
carries ids and the API address of the record, never a name or a word of its content.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import timezone

from marac.access import policy
from marac.access.actor import Actor
from marac.actions.models import Action
from marac.api.models import ApiClient
from marac.referrals.models import Referral
from marac.webhooks.models import Subscription, WebhookDelivery, WebhookEvent


@dataclass(frozen=True)
class _Rule:
    """What an event needs: the API permission that fetches its record, the records the client may see, the key of
    an event's record among them, and the payload's data."""

    permission: str
    visible: Callable[[Actor], QuerySet]
    key: Callable[[Model], int]
    data: Callable[[Model], dict]


def _api_url(name: str, pk: int) -> str:
    return settings.MARAC_SITE_URL.rstrip("/") + reverse(f"api:{name}", kwargs={"pk": pk})


def _referral_data(referral: Referral) -> dict:
    return {"referral": referral.pk, "case": referral.case_id, "url": _api_url("referral_detail", referral.pk)}


def _action_data(action: Action) -> dict:
    return {"action": action.pk, "case": action.case_id, "url": _api_url("action_detail", action.pk)}


def _repeat_data(referral: Referral) -> dict:
    return {
        "referral": referral.pk,
        "previous_referral": referral.previous_referral_id,
        "case": referral.case_id,
        "url": _api_url("case_detail", referral.case_id),
    }


RULES: dict[str, _Rule] = {
    WebhookEvent.REFERRAL_RECEIVED: _Rule("referral.create", policy.visible_referrals, lambda r: r.pk, _referral_data),
    WebhookEvent.ACTION_ASSIGNED: _Rule("action.list", policy.visible_actions, lambda a: a.pk, _action_data),
    WebhookEvent.ACTION_OVERDUE: _Rule("action.list", policy.visible_actions, lambda a: a.pk, _action_data),
    # A repeat is news about the case: told to whoever may read the case.
    WebhookEvent.REPEAT_DETECTED: _Rule("case.list", policy.visible_cases, lambda r: r.case_id, _repeat_data),
}


def client_actor(client: ApiClient) -> Actor:
    """The client as the API sees it: its service user, acting through its membership."""
    membership = client.membership
    return Actor(user=membership.user, membership=membership)


def _subscribed(kind: str) -> dict[ApiClient, list[Subscription]]:
    subscriptions = Subscription.objects.filter(
        is_active=True,
        client__membership__is_active=True,
        client__membership__agency__is_active=True,
        client__membership__user__is_active=True,
    ).select_related("client__membership__agency__locality", "client__membership__user")
    by_client: dict[ApiClient, list[Subscription]] = {}
    # Few rows: the event list is matched here, as SQLite cannot search inside a JSON list.
    for subscription in subscriptions:
        if kind in subscription.events:
            by_client.setdefault(subscription.client, []).append(subscription)
    return by_client


def events_occurred(kind: WebhookEvent | str, records: Iterable[Model], *, now: dt.datetime | None = None) -> int:
    """Write one delivery per record for each subscription to `kind` whose client may see that record; returns how
    many. Call it inside the transaction of the change. Costs one query, plus two for each subscribed client."""
    rule = RULES[kind]
    records = list(records)
    if not records:
        return 0
    now = now or timezone.now()
    keys = {rule.key(record) for record in records}
    deliveries = []
    for client, subscriptions in _subscribed(kind).items():
        actor = client_actor(client)
        if not policy.has_permission(actor, rule.permission):
            continue
        seen = set(rule.visible(actor).filter(pk__in=keys).values_list("pk", flat=True))
        for record in records:
            if rule.key(record) not in seen:
                continue
            payload = {"event": str(kind), "occurred_at": now.isoformat(), "data": rule.data(record)}
            deliveries += [
                WebhookDelivery(
                    subscription=subscription, event=kind, payload=payload, created_at=now, next_attempt_at=now
                )
                for subscription in subscriptions
            ]
    WebhookDelivery.objects.bulk_create(deliveries)
    return len(deliveries)


def event_occurred(kind: WebhookEvent | str, record: Model, *, now: dt.datetime | None = None) -> int:
    """`events_occurred` for one record."""
    return events_occurred(kind, [record], now=now)


def referral_received(referral: Referral, *, now: dt.datetime | None = None) -> int:
    """A new referral's events: received, and a repeat detected when it is a repeat."""
    written = event_occurred(WebhookEvent.REFERRAL_RECEIVED, referral, now=now)
    if referral.is_repeat:
        written += event_occurred(WebhookEvent.REPEAT_DETECTED, referral, now=now)
    return written
