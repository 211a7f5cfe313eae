"""Append-only audit events for every read and write of case data, chained by hash."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    LIST = "list", _("Listed")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DENIED = "denied", _("Refused access")
    EXPORT = "export", _("Exported")
    LOGIN = "login", _("Logged in")
    LOGOUT = "logout", _("Logged out")
    SWITCH_AGENCY = "switch_agency", _("Switched agency")


class AuditPurpose(models.TextChoices):
    """Why the record was touched: the usual answers. `AuditEvent.purpose` is free text; these keep callers
    consistent and give the auditor's search its choices."""

    CASE_MANAGEMENT = "case management", _("Case management")
    MEETING = "meeting", _("Meeting")
    SUBJECT_ACCESS_REQUEST = "subject access request", _("Subject access request")
    AUDIT_REVIEW = "audit review", _("Audit review")
    RETENTION = "retention", _("Retention")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_username = models.CharField(max_length=150, blank=True)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    agency_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    case = models.ForeignKey(
        "referrals.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="audit_events"
    )
    summary = models.CharField(max_length=300, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=40, blank=True)
    purpose = models.CharField(max_length=100, blank=True, default="", help_text=_("Why: case management, meeting…"))
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-pk"]
        indexes = [
            models.Index(fields=["case", "occurred_at"]),
            models.Index(fields=["actor", "occurred_at"]),
            models.Index(fields=["agency", "occurred_at"], name="audit_event_agency_time"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_type}"
