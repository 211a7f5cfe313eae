"""Writes for the perpetrator-focused actions agreed at MATAC meetings: each has one owner agency and a category of
tactic, and is followed until it is done, as MARAC actions are."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from marac.access import matac_policy, policy
from marac.access.actor import Actor
from marac.actions.models import ActionStatus
from marac.actions.status import apply_status_change, check_status_change
from marac.agencies.models import Agency
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.matac.models import MatacAction, MatacActionUpdate, MatacListing, NominationStatus, TacticCategory
from marac.meetings.models import MeetingStatus


def matac_action_create(
    *,
    actor: Actor,
    listing: MatacListing,
    owner_agency: Agency,
    category: str,
    text: str,
    due_date: dt.date | None,
) -> MatacAction:
    """Agree a tactic for the nominee at the MATAC meeting in progress; the owner is an agency invited to it."""
    if not policy.has_permission(actor, "action.create"):
        raise PermissionDenied("Only the coordinator and the chair record the actions a meeting agrees.")
    meeting = listing.meeting
    text = text.strip()
    errors: dict[str, str] = {}
    if meeting.status != MeetingStatus.IN_PROGRESS:
        errors["text"] = gettext("Actions are agreed while the meeting is in progress.")
    if listing.nomination.status != NominationStatus.SELECTED:
        errors["text"] = gettext("He is no longer on MATAC: no new action can be agreed for him.")
    if category not in TacticCategory.values:
        errors["category"] = gettext("Choose the kind of tactic.")
    if not text:
        errors["text"] = errors.get("text") or gettext("Write the action.")
    if owner_agency.locality_id != meeting.locality_id or not owner_agency.is_active:
        errors["owner_agency"] = gettext("Choose an active agency of this area.")
    elif not meeting.invited_agencies.filter(pk=owner_agency.pk).exists():
        errors["owner_agency"] = gettext("Choose an agency invited to this meeting.")
    if due_date is None:
        errors["due_date"] = gettext("Enter the date the action is due.")
    elif due_date < timezone.localdate():
        errors["due_date"] = gettext("The due date must be today or later.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = MatacAction.objects.create(
            nomination=listing.nomination,
            listing=listing,
            owner_agency=owner_agency,
            category=category,
            text=text,
            due_date=due_date,
            created_by=actor.user,
            created_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=action,
            summary=f"MATAC action ({in_english(TacticCategory(category).label).lower()}) for {owner_agency}, "
            f"due {due_date:%d %b %Y}",
            detail={
                "nomination": listing.nomination_id,
                "meeting": meeting.pk,
                "owner_agency": owner_agency.pk,
                "category": category,
                "due_date": due_date.isoformat(),
            },
        )
    return action


def matac_action_update(*, actor: Actor, action: MatacAction, status: str, note: str) -> MatacActionUpdate:
    """Record progress: a new status, a note, or both. 'Not possible' needs the reason."""
    if not matac_policy.may_update_matac_action(actor, action):
        raise PermissionDenied("Only the owner agency or the coordinator may update this action.")
    note = note.strip()
    check_status_change(current=action.status, status=status, note=note)
    now = timezone.now()
    with transaction.atomic():
        locked = MatacAction.objects.select_for_update().get(pk=action.pk)
        status_before = apply_status_change(locked, status=status, note=note, now=now)
        locked.save(update_fields=["status", "completed_at", "not_possible_reason"])
        update = MatacActionUpdate.objects.create(
            action=locked,
            author=actor.user,
            agency=actor.agency,
            created_at=now,
            status_before=status_before,
            status_after=status,
            note=note,
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            summary=(
                f"MATAC action {in_english(ActionStatus(status_before).label).lower()} → "
                f"{in_english(ActionStatus(status).label).lower()}"
            ),
            detail={"status_before": status_before, "status_after": status, "update": update.pk},
        )
    action.status, action.completed_at = locked.status, locked.completed_at
    action.not_possible_reason = locked.not_possible_reason
    return update
