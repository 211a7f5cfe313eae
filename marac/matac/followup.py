"""Following MATAC actions up between MATAC meetings: a reminder to the owner agency before the due date, and an
escalation to the coordinator and the owner agency once the action is overdue.

The rule is the MARAC actions' (`marac.actions.followup.notices_called_for`), and the same daily job runs both
(`manage.py action_reminders`). Each notice is recorded once per action, kind, recipient and due date
(`MatacActionNotice`), with an audit event, and e-mailed once (`marac.notifications`) to the owner agency's point of
contact or the coordinator mailbox. The e-mail says which MATAC action (its number, its category of tactic, the owner
agency, the due date) with a link: never the action's text, nor who the nominee is.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from marac.access.actor import Actor
from marac.actions.followup import EMAIL_CATCH_UP_DAYS, REMINDER_DAYS_BEFORE_DUE, notices_called_for
from marac.actions.models import INCOMPLETE_STATUSES, NoticeKind, NoticeRecipient
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.matac.models import MatacAction, MatacActionNotice
from marac.notifications.content import choice_label, day, locality_facts, site_link
from marac.notifications.models import EmailNotice
from marac.notifications.models import NoticeKind as EmailKind
from marac.notifications.services import Notice, SendReport, notices_send


class RecordedMatacNotices(list[MatacActionNotice]):
    """The notices one run recorded, with the report of the e-mails it sent (`emails`)."""

    emails: SendReport


def _notices_due(actions: QuerySet[MatacAction], *, today: dt.date, reminder_days: int) -> list[MatacActionNotice]:
    """Every notice the actions call for today, whether or not it was recorded before."""
    return [
        MatacActionNotice(
            action=action,
            kind=kind,
            recipient=recipient,
            agency=action.owner_agency if recipient == NoticeRecipient.OWNER_AGENCY else None,
            due_date=action.due_date,
        )
        for action in actions
        for kind, recipient in notices_called_for(due_date=action.due_date, today=today, reminder_days=reminder_days)
    ]


def _key(notice: MatacActionNotice) -> tuple[int, str, str, dt.date]:
    return (notice.action_id, notice.kind, notice.recipient, notice.due_date)


def email_key(notice: MatacActionNotice) -> str:
    """The e-mail's occasion: MATAC actions are numbered apart from MARAC actions, so their keys differ in kind."""
    return f"matac-action:{notice.action_id}:{notice.kind}:{notice.recipient}:{notice.due_date.isoformat()}"


def _email(notice: MatacActionNotice) -> Notice:
    action = notice.action
    locality = action.nomination.locality
    to_owner = notice.recipient == NoticeRecipient.OWNER_AGENCY
    return Notice(
        kind=EmailKind.MATAC_ACTION_OVERDUE if notice.kind == NoticeKind.OVERDUE else EmailKind.MATAC_ACTION_REMINDER,
        key=email_key(notice),
        locality=locality,
        agency=notice.agency if to_owner else None,
        facts={
            **locality_facts(locality),
            "action_id": action.pk,
            "category": choice_label(action, "category"),
            "owner_agency": action.owner_agency.name,
            "due_date": day(notice.due_date),
            "audience": "owner" if to_owner else "coordinator",
            "link": site_link("matac:action", pk=action.pk),
        },
    )


def matac_action_notices_email(*, now: dt.datetime | None = None) -> SendReport:
    """E-mail every notice recorded in the last `EMAIL_CATCH_UP_DAYS` days that has not been e-mailed yet."""
    now = now or timezone.now()
    recent = list(
        MatacActionNotice.objects.filter(sent_at__gte=now - dt.timedelta(days=EMAIL_CATCH_UP_DAYS))
        .select_related("action__nomination__locality", "action__owner_agency", "agency")
        .order_by("sent_at", "pk")
    )
    done = set(
        EmailNotice.objects.filter(key__in=[email_key(notice) for notice in recent], sent_at__isnull=False).values_list(
            "key", flat=True
        )
    )
    pending = [_email(notice) for notice in recent if email_key(notice) not in done]
    return notices_send(actor=Actor(user=None, membership=None), notices=pending, now=now)


def matac_action_notices_send(
    *, now: dt.datetime | None = None, reminder_days: int = REMINDER_DAYS_BEFORE_DUE
) -> RecordedMatacNotices:
    """Record the reminders (due within `reminder_days`) and overdue escalations (to the coordinator and the owner
    agency) that incomplete MATAC actions call for and that were not recorded before, then e-mail them. Returns only
    the new ones, so a second run the same day returns (and e-mails) nothing. A reminder missed because the action is
    already overdue is not sent late: the escalation replaces it.

    Every incomplete action is followed, whatever became of its nominee since: an action stays open until its owner
    or the coordinator records it done or not possible, and the MATAC pages show it overdue until then."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    actor = Actor(user=None, membership=None)
    actions = MatacAction.objects.filter(
        status__in=INCOMPLETE_STATUSES,
        due_date__lte=today + dt.timedelta(days=reminder_days),
        owner_agency__is_active=True,
    ).select_related("nomination__locality", "owner_agency")
    with transaction.atomic():
        wanted = _notices_due(actions, today=today, reminder_days=reminder_days)
        recorded = set(
            MatacActionNotice.objects.filter(action_id__in={notice.action_id for notice in wanted}).values_list(
                "action_id", "kind", "recipient", "due_date"
            )
        )
        new = [notice for notice in wanted if _key(notice) not in recorded]
        for notice in new:
            notice.sent_at = now
        # Should two runs overlap, the unique constraint fails the later one as a whole: nothing is recorded twice.
        MatacActionNotice.objects.bulk_create(new)
        for notice in new:
            # No case: a MATAC action is about a nominee, who may have none. Ids, kinds and dates only.
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                target=notice,
                summary=f"MATAC {in_english(notice.get_kind_display()).lower()} recorded for "
                f"{in_english(notice.get_recipient_display()).lower()}",
                detail={
                    "matac_action": notice.action_id,
                    "kind": notice.kind,
                    "recipient": notice.recipient,
                    "agency": notice.agency_id,
                    "due_date": notice.due_date.isoformat(),
                },
            )
    result = RecordedMatacNotices(new)
    # After the records are committed: a refused e-mail leaves the notice recorded, for the next run to e-mail.
    result.emails = matac_action_notices_email(now=now)
    return result


# What the MATAC action page shows of its reminders.


@dataclass(frozen=True)
class NoticeShown:
    """A recorded notice and its e-mail: `email` is None while the e-mail has not gone (the mail server refused it,
    and the next run tries again); an e-mail with no `sent_at` had no address to go to."""

    notice: MatacActionNotice
    email: EmailNotice | None

    @property
    def emailed(self) -> bool:
        return self.email is not None and self.email.was_sent

    @property
    def no_address(self) -> bool:
        return self.email is not None and not self.email.was_sent


@dataclass(frozen=True)
class ActionReminders:
    to_owner: NoticeShown | None  # the latest reminder or escalation to the owner agency
    to_coordinator: NoticeShown | None  # the latest escalation to the coordinator


def reminders_of(action: MatacAction) -> ActionReminders:
    """When the owner agency was last reminded of the action (fetched through the access guard), and when the
    coordinator was last told it is overdue, each with what became of its e-mail. Two queries at most."""
    notices = list(MatacActionNotice.objects.filter(action=action).order_by("-sent_at", "-pk"))
    emails = {
        email.key: email for email in EmailNotice.objects.filter(key__in=[email_key(notice) for notice in notices])
    }

    def latest(recipient: str) -> NoticeShown | None:
        notice = next((notice for notice in notices if notice.recipient == recipient), None)
        if notice is None:
            return None
        return NoticeShown(notice=notice, email=emails.get(email_key(notice)))

    return ActionReminders(
        to_owner=latest(NoticeRecipient.OWNER_AGENCY), to_coordinator=latest(NoticeRecipient.COORDINATOR)
    )
