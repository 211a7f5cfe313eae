"""API clients and their tokens. A client acts through a membership, so the rulebook treats it as any member."""

from django.conf import settings
from django.db import models

from marac.agencies.models import Agency, Membership


class ApiClient(models.Model):
    """An agency's named system (its records system, say). It acts through the membership of a service user of its
    own in that agency: the actor, the policy and the rulebook apply to it unchanged, in the membership's role."""

    name = models.CharField(max_length=200)
    membership = models.OneToOneField(Membership, on_delete=models.PROTECT, related_name="api_client")
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.membership.agency})"

    @property
    def agency(self) -> Agency:
        return self.membership.agency


class ApiToken(models.Model):
    """A bearer token: `prefix` identifies it and may be shown; the secret is kept only as its SHA-256."""

    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="tokens")
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    scopes = models.JSONField(default=list, help_text="Permissions of the rulebook this token may use.")
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    replaces = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.prefix} ({self.client.name})"
