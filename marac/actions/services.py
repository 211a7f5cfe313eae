"""Writes for action plans. One function per use case, one transaction each, each audited."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.actions.models import (
    INCOMPLETE_STATUSES,
    Action,
    ActionReview,
    ActionStatus,
    ActionUpdate,
    CatalogueAction,
    CatalogueEffect,
    ReviewReason,
)
from marac.actions.status import apply_status_change, check_status_change
from marac.agencies.models import Agency
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.matac.services.nominations import nominations_refer_from_marac_action
from marac.meetings.models import AgendaItem, MeetingStatus
from marac.referrals.models import Case
from marac.webhooks.models import WebhookEvent
from marac.webhooks.outbox import event_occurred


def action_create(
    *,
    actor: Actor,
    case: Case,
    owner_agency: Agency,
    text: str,
    due_date: dt.date,
    agenda_item: AgendaItem | None = None,
    catalogue_action: CatalogueAction | None = None,
) -> Action:
    """Agree an action with one owner agency. Agreed at a meeting, the owner must be invited to it.

    Every way of creating an action comes through here (the live meeting, the co-ordination by deadline), so the
    catalogue's effects are set off here, in the action's own transaction: "consider the perpetrator for MATAC"
    (`CatalogueEffect.MATAC_REFERRAL`) refers each perpetrator of the case into MATAC for the owner agency.
    """
    text = text.strip()
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = gettext("Write the action, or choose one from the catalogue.")
    if owner_agency.locality_id != case.locality_id or not owner_agency.is_active:
        errors["owner_agency"] = gettext("Choose an active agency of this locality.")
    if catalogue_action is not None:
        if not catalogue_action.is_active:
            errors["catalogue_action"] = gettext("This catalogue action is no longer offered; choose another.")
        elif catalogue_action.agency_type != owner_agency.agency_type:
            errors["catalogue_action"] = gettext(
                "“%(action)s” is an action for %(action_type)s; choose one for %(agency_type)s or write your own."
            ) % {
                "action": catalogue_action.text,
                "action_type": catalogue_action.get_agency_type_display(),
                "agency_type": owner_agency.get_agency_type_display(),
            }
    if due_date < timezone.localdate():
        errors["due_date"] = gettext("The due date must be today or later.")
    if agenda_item is not None:
        if agenda_item.case_id != case.pk:
            errors["agenda_item"] = gettext("The agenda item is about another case.")
        elif agenda_item.meeting.status != MeetingStatus.IN_PROGRESS:
            errors["agenda_item"] = gettext("Actions are agreed while the meeting is in progress.")
        elif not agenda_item.meeting.invited_agencies.filter(pk=owner_agency.pk).exists():
            errors["owner_agency"] = gettext("Choose an agency invited to this meeting.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = Action.objects.create(
            case=case,
            agenda_item=agenda_item,
            owner_agency=owner_agency,
            catalogue_action=catalogue_action,
            text=text,
            due_date=due_date,
            status=ActionStatus.OPEN,
            created_by=actor.user,
            created_at=timezone.now(),
        )
        matac_referrals = []
        if catalogue_action is not None and catalogue_action.effect == CatalogueEffect.MATAC_REFERRAL:
            matac_referrals = nominations_refer_from_marac_action(actor=actor, action=action)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=action,
            case=case,
            summary=f"Action for {owner_agency}, due {due_date:%d %b %Y}",
            detail={
                "owner_agency": owner_agency.pk,
                "due_date": due_date.isoformat(),
                "agenda_item": agenda_item.pk if agenda_item else None,
                "catalogue_action": catalogue_action.pk if catalogue_action else None,
                **({"matac_referrals": [made.referral.pk for made in matac_referrals]} if matac_referrals else {}),
            },
        )
        event_occurred(WebhookEvent.ACTION_ASSIGNED, action)
    return action


def action_update(*, actor: Actor, action: Action, status: str, note: str) -> ActionUpdate:
    """Record progress on an action: a new status, a note, or both. 'Not possible' needs the reason."""
    if not policy.may_update_action(actor, action):
        raise PermissionDenied("Only the owner agency or the coordinator may update this action.")
    note = note.strip()
    check_status_change(current=action.status, status=status, note=note)
    now = timezone.now()
    with transaction.atomic():
        locked = Action.objects.select_for_update().get(pk=action.pk)
        status_before = apply_status_change(locked, status=status, note=note, now=now)
        locked.save(update_fields=["status", "completed_at", "not_possible_reason"])
        update = ActionUpdate.objects.create(
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
            case=locked.case,
            summary=(
                f"Action {in_english(ActionStatus(status_before).label).lower()} → "
                f"{in_english(ActionStatus(status).label).lower()}"
            ),
            detail={"status_before": status_before, "status_after": status, "update": update.pk},
        )
    action.status = locked.status
    action.completed_at = locked.completed_at
    action.not_possible_reason = locked.not_possible_reason
    return update


def action_review(
    *, actor: Actor, action: Action, agenda_item: AgendaItem, reason: str, note: str = ""
) -> ActionReview:
    """Review at a meeting an action agreed earlier and still not complete. Reviewing again replaces it."""
    note = note.strip()
    errors: dict[str, str] = {}
    if reason not in ReviewReason.values:
        errors["reason"] = gettext("Choose why the action is not complete.")
    if action.case_id != agenda_item.case_id:
        errors["action"] = gettext("The action belongs to another case.")
    elif action.agenda_item_id == agenda_item.pk:
        errors["action"] = gettext("This action was agreed at this meeting; it is reviewed at the next one.")
    elif action.status not in INCOMPLETE_STATUSES:
        errors["action"] = gettext("Only open or in-progress actions are reviewed.")
    if agenda_item.meeting.status != MeetingStatus.IN_PROGRESS:
        errors["agenda_item"] = gettext("Actions are reviewed while the meeting is in progress.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        review, created = ActionReview.objects.update_or_create(
            action=action,
            agenda_item=agenda_item,
            defaults={"reason": reason, "note": note, "reviewed_by": actor.user, "reviewed_at": timezone.now()},
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            target=review,
            case=action.case,
            summary=f"Reviewed incomplete action: {in_english(ReviewReason(reason).label).lower()}",
            detail={"action": action.pk, "agenda_item": agenda_item.pk, "reason": reason},
        )
    return review
