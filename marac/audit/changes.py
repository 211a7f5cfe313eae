"""Applying new values to a record and saying, for its audit event, what changed from what to what."""

from collections.abc import Mapping
from decimal import Decimal

from django.db import models


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
