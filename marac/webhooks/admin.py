"""Subscriptions and deliveries in the admin site, to read only: the `webhooks` command subscribes, as it alone may
show a secret, once. The secret never appears here."""

from django.contrib import admin

from marac.read_only_admin import ReadOnlyAdmin
from marac.webhooks.models import Subscription, WebhookDelivery


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    list_display = ("pk", "client", "target_url", "events", "is_active", "created_at", "disabled_at")
    list_filter = ("is_active", "client")
    list_select_related = ("client__membership__agency",)
    exclude = ("secret",)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = (
        "pk",
        "event",
        "subscription",
        "state",
        "attempts",
        "last_status",
        "last_error",
        "created_at",
        "next_attempt_at",
        "delivered_at",
        "failed_at",
    )
    list_filter = ("event", ("delivered_at", admin.EmptyFieldListFilter), ("failed_at", admin.EmptyFieldListFilter))
    list_select_related = ("subscription__client__membership__agency",)
