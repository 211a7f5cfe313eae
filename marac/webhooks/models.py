"""Webhook subscriptions of API clients, and the outbox of deliveries written with the change that causes them."""

from django.conf import settings
from django.db import models

from marac.api.models import ApiClient


class WebhookEvent(models.TextChoices):
    REFERRAL_RECEIVED = "referral.received", "A referral was received"
    ACTION_ASSIGNED = "action.assigned", "An action was assigned to an agency"
    ACTION_OVERDUE = "action.overdue", "An action became overdue"
    REPEAT_DETECTED = "repeat.detected", "A repeat referral was detected"


class Subscription(models.Model):
    """Where an API client wants to be told of events, and the secret its deliveries are signed with.

    The secret is kept as it was issued, not hashed: the server needs it to sign every delivery (HMAC is symmetric),
    so a hash would be useless. Protecting it is the database's job (its access controls and encrypted backups); it
    is never shown again after creation, in the admin, the list command or the audit trail. Someone who reads it can
    forge deliveries to the receiver, but a delivery carries ids only: what the record holds is fetched through the
    API with the receiver's own token.
    """

    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="webhook_subscriptions")
    target_url = models.CharField(max_length=500, help_text="The https:// address deliveries are posted to.")
    events = models.JSONField(default=list, help_text="The event types (WebhookEvent) delivered to it.")
    secret = models.CharField(max_length=64)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    disabled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["client", "pk"]

    def __str__(self) -> str:
        return f"{self.client.name} → {self.target_url}"


class WebhookDelivery(models.Model):
    """One event for one subscription: pending until delivered, or failed after the last attempt."""

    subscription = models.ForeignKey(Subscription, on_delete=models.PROTECT, related_name="deliveries")
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField()
    created_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveIntegerField(null=True, blank=True, help_text="The receiver's last HTTP status.")
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "webhook deliveries"
        indexes = [
            # The sender's question: what is pending and due.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(delivered_at__isnull=True, failed_at__isnull=True),
                name="webhook_delivery_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} #{self.pk}"

    @property
    def state(self) -> str:
        if self.delivered_at is not None:
            return "delivered"
        if self.failed_at is not None:
            return "failed"
        return "pending"
