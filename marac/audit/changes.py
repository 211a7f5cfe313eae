"""Applying new values to a record and saying, for its audit event, what changed from what to what."""

from collections.abc import Mapping
from decimal import Decimal

from django.db import models
from django.utils import timezone

from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record


def _for_audit(value: object) -> object:
    return str(value) if isinstance(value, Decimal) else value


def apply_changes(instance: models.Model, values: Mapping[str, object]) -> dict[str, dict[str, object]]:
    """Set each value that differs on `instance` (not saved) and return {field: {"from": ..., "to": ...}}."""
    changes = {}
    for name, value in values.items():
        before = getattr(instance, name)
        if before != value:
            changes[name] = {"from": _for_audit(before), "to": _for_audit(value)}
            setattr(instance, name, value)
    return changes


def settings_save(*, actor: Actor, settings: models.Model, changes: dict[str, dict[str, object]], name: str) -> None:
    """Stamp who changed a locality's settings and when, save them, and audit what changed (configuration only:
    the values are no one's personal data)."""
    settings.updated_at = timezone.now()
    settings.updated_by = actor.user
    settings.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=settings,
        summary=f"Changed the {name}" if changes else f"Saved the {name} unchanged",
        detail={"changes": changes},
    )
