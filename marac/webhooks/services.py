"""Writes for webhook subscriptions: subscribe an API client, disable a subscription. Each is audited.

The signing secret is returned once, by the call that makes it; the audit trail and every listing leave it out.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from marac.access.actor import Actor
from marac.api.models import ApiClient
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.webhooks.models import Subscription, WebhookDelivery, WebhookEvent
from marac.webhooks.signing import new_secret

# Plain http only to this machine, and only while developing: anywhere else the body and signature travel encrypted.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
DISABLED_ERROR = "Not sent: the subscription was disabled."


@dataclass(frozen=True)
class CreatedSubscription:
    subscription: Subscription
    secret: str  # shown once, to give to the receiver


def target_url_errors(url: str) -> list[str]:
    parts = urlsplit(url)
    if parts.username or parts.password:
        return ["Leave credentials out of the address: the signature proves the sender."]
    if parts.scheme == "https" and parts.hostname:
        return []
    if settings.DEBUG and parts.scheme == "http" and parts.hostname in LOCAL_HOSTS:
        return []
    return ["Give an https:// address."]


def _user(actor: Actor) -> AbstractBaseUser | None:
    user = actor.user
    return user if user is not None and user.is_authenticated else None


def subscription_create(*, actor: Actor, client: ApiClient, target_url: str, events: list[str]) -> CreatedSubscription:
    """Send `events` to `target_url` for the client, signed with a new secret."""
    target_url = target_url.strip()
    events = sorted(set(events))
    errors: dict[str, list[str]] = {}
    if url_errors := target_url_errors(target_url):
        errors["target_url"] = url_errors
    if not events:
        errors["events"] = ["Choose at least one event."]
    elif unknown := [event for event in events if event not in WebhookEvent.values]:
        errors["events"] = [f"Unknown events: {', '.join(unknown)}. Choose from: {', '.join(WebhookEvent.values)}."]
    if len(target_url) > Subscription._meta.get_field("target_url").max_length:
        errors["target_url"] = ["The address is too long."]
    if errors:
        raise ValidationError(errors)
    secret = new_secret()
    with transaction.atomic():
        subscription = Subscription.objects.create(
            client=client,
            target_url=target_url,
            events=events,
            secret=secret,
            created_at=timezone.now(),
            created_by=_user(actor),
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=subscription,
            summary=f"Subscribed the API client {client.name} to webhooks",
            detail={"client": client.pk, "target_url": target_url, "events": events},
        )
    return CreatedSubscription(subscription=subscription, secret=secret)


def subscription_disable(*, actor: Actor, subscription: Subscription) -> Subscription:
    """Stop the subscription; what it had not delivered yet is given up. Disabling it again changes nothing."""
    if not subscription.is_active:
        return subscription
    now = timezone.now()
    with transaction.atomic():
        subscription.is_active = False
        subscription.disabled_at = now
        subscription.save(update_fields=["is_active", "disabled_at"])
        given_up = WebhookDelivery.objects.filter(
            subscription=subscription, delivered_at__isnull=True, failed_at__isnull=True
        ).update(failed_at=now, last_error=DISABLED_ERROR)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=subscription,
            summary=f"Disabled the webhook subscription {subscription.pk} of {subscription.client.name}",
            detail={"client": subscription.client_id, "pending_given_up": given_up},
        )
    return subscription
