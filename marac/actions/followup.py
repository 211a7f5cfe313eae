"""Following actions up between meetings: reminders before the due date, escalation once overdue, and the IDVA's
chase of an owner agency on the victim's behalf.

Notices are recorded, `notices_for` gives each person the notices addressed to them, and each is e-mailed once
(`marac.notifications`) to the owner agency's point of contact or the coordinator mailbox: the action's number,
owner agency and due date, with a link; never its text or the case.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.actions.models import (
    INCOMPLETE_STATUSES,
    Action,
    ActionChase,
    ActionNotice,
    NoticeKind,
    NoticeRecipient,
)
from marac.agencies.models import Role
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.notifications.content import day, locality_facts, site_link
from marac.notifications.models import EmailNotice
from marac.notifications.models import NoticeKind as EmailKind
from marac.notifications.services import Notice, SendReport, notices_send
from marac.webhooks.models import WebhookEvent
from marac.webhooks.outbox import events_occurred

REMINDER_DAYS_BEFORE_DUE = 3
# Notices recorded this recently whose e-mail did not go out (the mail server refused it, or the agency had no
# address then) are e-mailed by a later run.
EMAIL_CATCH_UP_DAYS = 7

# Who reads the notices addressed to an owner agency: the people who act for it on cases.
OWNER_AGENCY_READERS = frozenset({Role.AGENCY_REP, Role.IDVA, Role.COORDINATOR})


def notices_called_for(
    *, due_date: dt.date, today: dt.date, reminder_days: int
) -> list[tuple[NoticeKind, NoticeRecipient]]:
    """The notices an incomplete action due on `due_date` calls for today: once overdue, an escalation to the
    coordinator and to the owner agency; within `reminder_days` of the due date (today included), a reminder to the
    owner agency; otherwise none. The rule for MARAC actions and MATAC actions (`marac.matac.followup`) alike."""
    if due_date < today:
        return [
            (NoticeKind.OVERDUE, NoticeRecipient.COORDINATOR),
            (NoticeKind.OVERDUE, NoticeRecipient.OWNER_AGENCY),
        ]
    if due_date <= today + dt.timedelta(days=reminder_days):
        return [(NoticeKind.REMINDER, NoticeRecipient.OWNER_AGENCY)]
    return []


def _notices_due(actions: QuerySet[Action], *, today: dt.date, reminder_days: int) -> list[ActionNotice]:
    """Every notice the actions call for today, whether or not it was recorded before."""
    return [
        ActionNotice(
            action=action,
            kind=kind,
            recipient=recipient,
            agency=action.owner_agency if recipient == NoticeRecipient.OWNER_AGENCY else None,
            due_date=action.due_date,
        )
        for action in actions
        for kind, recipient in notices_called_for(due_date=action.due_date, today=today, reminder_days=reminder_days)
    ]


def _key(notice: ActionNotice) -> tuple[int, str, str, dt.date]:
    return (notice.action_id, notice.kind, notice.recipient, notice.due_date)


class RecordedNotices(list[ActionNotice]):
    """The notices one run recorded, with the report of the e-mails it sent (`emails`)."""

    emails: SendReport


def _email_key(notice: ActionNotice) -> str:
    return f"action:{notice.action_id}:{notice.kind}:{notice.recipient}:{notice.due_date.isoformat()}"


def _email(notice: ActionNotice) -> Notice:
    action = notice.action
    locality = action.case.locality
    return Notice(
        kind=EmailKind.ACTION_OVERDUE if notice.kind == NoticeKind.OVERDUE else EmailKind.ACTION_REMINDER,
        key=_email_key(notice),
        locality=locality,
        agency=notice.agency if notice.recipient == NoticeRecipient.OWNER_AGENCY else None,
        case=action.case,
        facts={
            **locality_facts(locality),
            "action_id": action.pk,
            "owner_agency": action.owner_agency.name,
            "due_date": day(notice.due_date),
            "link": site_link("actions:detail", pk=action.pk),
        },
    )


def action_notices_email(*, now: dt.datetime | None = None) -> SendReport:
    """E-mail every notice recorded in the last `EMAIL_CATCH_UP_DAYS` days that has not been e-mailed yet."""
    now = now or timezone.now()
    recent = list(
        ActionNotice.objects.filter(sent_at__gte=now - dt.timedelta(days=EMAIL_CATCH_UP_DAYS))
        .select_related("action__case__locality", "action__owner_agency", "agency")
        .order_by("sent_at", "pk")
    )
    done = set(
        EmailNotice.objects.filter(
            key__in=[_email_key(notice) for notice in recent], sent_at__isnull=False
        ).values_list("key", flat=True)
    )
    pending = [_email(notice) for notice in recent if _email_key(notice) not in done]
    return notices_send(actor=Actor(user=None, membership=None), notices=pending, now=now)


def action_notices_send(
    *, now: dt.datetime | None = None, reminder_days: int = REMINDER_DAYS_BEFORE_DUE
) -> RecordedNotices:
    """Record the reminders (due within `reminder_days`) and overdue escalations (to the coordinator and the owner
    agency) that incomplete actions call for and that were not recorded before, then e-mail them. Returns only the
    new ones, so a second run the same day returns (and e-mails) nothing. A reminder missed because the action is
    already overdue is not sent late: the escalation replaces it."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    actor = Actor(user=None, membership=None)
    actions = Action.objects.filter(
        status__in=INCOMPLETE_STATUSES,
        due_date__lte=today + dt.timedelta(days=reminder_days),
        owner_agency__is_active=True,
    ).select_related("case__locality", "owner_agency")
    with transaction.atomic():
        wanted = _notices_due(actions, today=today, reminder_days=reminder_days)
        recorded = {
            (action_id, kind, recipient, due_date)
            for action_id, kind, recipient, due_date in ActionNotice.objects.filter(
                action_id__in={notice.action_id for notice in wanted}
            ).values_list("action_id", "kind", "recipient", "due_date")
        }
        new = [notice for notice in wanted if _key(notice) not in recorded]
        for notice in new:
            notice.sent_at = now
        # Should two runs overlap, the unique constraint fails the later one as a whole: nothing is recorded twice.
        ActionNotice.objects.bulk_create(new)
        for notice in new:
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                target=notice,
                case=notice.action.case,
                summary=(
                    f"{in_english(notice.get_kind_display())} recorded for "
                    f"{in_english(notice.get_recipient_display()).lower()}"
                ),
                detail={
                    "action": notice.action_id,
                    "kind": notice.kind,
                    "recipient": notice.recipient,
                    "agency": notice.agency_id,
                    "due_date": notice.due_date.isoformat(),
                },
            )
        # The escalation's notices are recorded once per action and due date, and so is the event.
        overdue = {notice.action_id: notice.action for notice in new if notice.kind == NoticeKind.OVERDUE}
        events_occurred(WebhookEvent.ACTION_OVERDUE, overdue.values(), now=now)
    recorded = RecordedNotices(new)
    # After the records are committed: a refused e-mail leaves the notice recorded, for the next run to e-mail.
    recorded.emails = action_notices_email(now=now)
    return recorded


def notices_for(actor: Actor, *, open_only: bool = True) -> QuerySet[ActionNotice]:
    """The notices addressed to the acting person: their agency's reminders and escalations, and, for the
    coordinator, every escalation of the locality. Only on actions they may see, newest first."""
    addressed = Q(recipient=NoticeRecipient.OWNER_AGENCY, agency=actor.agency) if actor.agency else Q(pk__in=[])
    if actor.role not in OWNER_AGENCY_READERS:
        addressed = Q(pk__in=[])
    if actor.role == Role.COORDINATOR:
        addressed |= Q(recipient=NoticeRecipient.COORDINATOR)
    actions = policy.visible_actions(actor)
    if open_only:
        actions = actions.filter(status__in=INCOMPLETE_STATUSES)
    return (
        ActionNotice.objects.filter(addressed, action__in=actions)
        .select_related("action__owner_agency", "action__case", "agency")
        .order_by("-sent_at", "-pk")
    )


def may_chase(actor: Actor, action: Action) -> bool:
    """The coordinator may chase any action; an IDVA only on a case her own service is allocated to."""
    if not policy.has_permission(actor, "action.chase"):
        return False
    if actor.role == Role.COORDINATOR:
        return True
    return actor.role == Role.IDVA and action.case.idva_agency_id == actor.agency.pk


def action_chase(*, actor: Actor, action: Action, note: str) -> ActionChase:
    """Record that the IDVA (or the coordinator) chased the owner agency about an incomplete action."""
    if not may_chase(actor, action):
        raise PermissionDenied("Only the case's IDVA service or the coordinator may chase this action.")
    note = note.strip()
    if action.status not in INCOMPLETE_STATUSES:
        raise ValidationError(
            {
                "note": gettext("This action is %(status)s: nothing to chase.")
                % {"status": action.get_status_display().lower()}
            }
        )
    if action.owner_agency_id == actor.agency.pk:
        raise ValidationError({"note": gettext("This action is your own agency's: update it rather than chase it.")})
    with transaction.atomic():
        chase = ActionChase.objects.create(
            action=action,
            chased_by=actor.user,
            chased_by_agency=actor.agency,
            chased_agency=action.owner_agency,
            note=note,
            chased_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=chase,
            case=action.case,
            summary=f"Chased {action.owner_agency} about an action",
            detail={"action": action.pk, "chased_agency": action.owner_agency_id},
        )
    return chase
