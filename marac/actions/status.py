"""How an action's status changes: one rule for MARAC actions and MATAC actions alike."""

import datetime as dt
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from marac.actions.models import ActionStatus


class Followed(Protocol):
    status: str
    completed_at: dt.datetime | None
    not_possible_reason: str


def check_status_change(*, current: str, status: str, note: str) -> None:
    """Refuse a change that says nothing: an unknown status, 'not possible' without the reason, or neither a new
    status nor a note. `note` is already stripped."""
    if status not in ActionStatus.values:
        raise ValidationError({"status": gettext("Choose a status.")})
    if status == ActionStatus.NOT_POSSIBLE and not note:
        raise ValidationError({"note": gettext("Explain why the action is not possible.")})
    if status == current and not note:
        raise ValidationError({"note": gettext("Write a note, or choose a new status.")})


def apply_status_change(action: Followed, *, status: str, note: str, now: dt.datetime) -> str:
    """Set the new status on `action` (locked by the caller), with its completion time and reason; returns the status
    it had before. The caller saves it and records the update."""
    status_before = action.status
    action.status = status
    if status == ActionStatus.DONE:
        action.completed_at = action.completed_at if status_before == ActionStatus.DONE else now
    else:
        action.completed_at = None
    if status == ActionStatus.NOT_POSSIBLE:
        action.not_possible_reason = note
    elif status_before == ActionStatus.NOT_POSSIBLE:
        # Reopened: the earlier reason stays in the trail, not on the action.
        action.not_possible_reason = ""
    return status_before
