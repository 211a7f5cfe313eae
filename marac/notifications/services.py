"""Sending e-mail notices, each at most once.

A caller describes the notice (`Notice`: its kind, its key, the mailbox, and the facts it states); `notice_send`
sends it unless a notice with the same key went before. Where the agency has no e-mail point of contact, the
notice is recorded unsent, so that the research grid and the coordinator can see who was not told; it is sent by
the first run after an address is added.

The message is sent inside the transaction that records it: if the mail server refuses it, nothing is recorded
and the next run tries again.
"""

import datetime as dt
import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.mail import EmailMessage
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from marac.access.actor import Actor
from marac.agencies.models import Agency, Locality
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.meetings.models import Meeting
from marac.notifications.content import Facts
from marac.notifications.models import EmailNotice, NoticeKind
from marac.referrals.models import Case

logger = logging.getLogger(__name__)

SUBJECTS: dict[str, str] = {
    NoticeKind.CASE_LIST: "{mechanism}: case list for the meeting on {meeting_day}",
    NoticeKind.CASE_LIST_UPDATED: "{mechanism}: case list updated for the meeting on {meeting_day}",
    NoticeKind.RESEARCH_REMINDER: "{mechanism}: research for the meeting on {meeting_day}",
    NoticeKind.RESEARCH_LATE: "{mechanism}: research for the meeting on {meeting_day} is late",
    NoticeKind.RESEARCH_DEADLINE_PASSED: "{mechanism}: research deadline passed for the meeting on {meeting_day}",
    NoticeKind.ACTION_REMINDER: "{mechanism}: action {action_id} due on {due_date}",
    NoticeKind.ACTION_OVERDUE: "{mechanism}: action {action_id} is overdue",
    NoticeKind.MINUTES: "{mechanism}: minutes of the meeting on {meeting_day}",
    NoticeKind.REPEAT_REFERRAL: "{mechanism}: repeat referral {referral_id} made from incidents",
    NoticeKind.ORDER_ENDING: "{mechanism}: order {order_id} ends on {end_day}",
    NoticeKind.MATAC_ACTION_REMINDER: "{mechanism}: MATAC action {action_id} due on {due_date}",
    NoticeKind.MATAC_ACTION_OVERDUE: "{mechanism}: MATAC action {action_id} is overdue",
}


@dataclass(frozen=True)
class Notice:
    """One notice to send: to an agency's point of contact, or (without an agency) to the coordinator mailbox."""

    kind: NoticeKind
    key: str
    locality: Locality
    facts: Facts
    agency: Agency | None = None
    meeting: Meeting | None = None
    case: Case | None = None  # for the audit trail only: the notice never names or refers to the case

    @property
    def address(self) -> str:
        return self.agency.contact_email if self.agency is not None else self.locality.coordinator_email

    @property
    def addressee(self) -> str:
        return self.agency.name if self.agency is not None else f"the coordinator of {self.locality}"


def render_notice(notice: Notice) -> tuple[str, str]:
    """The subject and the plain-text body."""
    context = {**notice.facts, "addressee": notice.addressee}
    subject = SUBJECTS[notice.kind].format(**context)
    body = render_to_string(f"notifications/{notice.kind}.txt", context).strip() + "\n"
    return subject[:200], body


def _audit(actor: Actor, record: EmailNotice, notice: Notice) -> None:
    # The address is a person's: it stays on the notice record, out of the audit trail.
    verb = "E-mailed" if record.was_sent else "Could not e-mail (no address)"
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=record,
        case=notice.case,
        summary=f"{verb} {notice.kind.label.lower()} notice to {notice.addressee}",
        detail={
            "kind": notice.kind.value,
            "key": notice.key,
            "agency": notice.agency.pk if notice.agency else None,
            "meeting": notice.meeting.pk if notice.meeting else None,
            "sent": record.was_sent,
        },
    )


def notice_send(*, actor: Actor, notice: Notice, now: dt.datetime | None = None) -> EmailNotice | None:
    """Send the notice, or record that it has nowhere to go. Returns the record, or None when nothing was new:
    sent before, or recorded unsent before and still without an address."""
    now = now or timezone.now()
    address = notice.address
    try:
        with transaction.atomic():
            record = EmailNotice.objects.select_for_update().filter(key=notice.key).first()
            if record is not None and (record.was_sent or not address):
                return None
            subject, body = render_notice(notice)
            if record is None:
                record = EmailNotice(key=notice.key, locality=notice.locality, recorded_at=now)
            record.kind = notice.kind
            record.agency = notice.agency
            record.meeting = notice.meeting
            record.subject = subject
            record.recipient = address
            record.sent_at = now if address else None
            record.save()
            _audit(actor, record, notice)
            if address:
                EmailMessage(subject=subject, body=body, to=[address]).send()
    except IntegrityError:
        # Another run recorded the same key at the same moment: it sends it.
        return None
    return record


@dataclass
class SendReport:
    sent: list[EmailNotice] = field(default_factory=list)
    unsent: list[EmailNotice] = field(default_factory=list)  # no address to send to
    failed: list[Notice] = field(default_factory=list)  # the mail server refused: tried again on the next run

    def add(self, other: "SendReport") -> "SendReport":
        self.sent += other.sent
        self.unsent += other.unsent
        self.failed += other.failed
        return self

    @property
    def is_empty(self) -> bool:
        return not (self.sent or self.unsent or self.failed)

    def summary(self) -> str:
        sent = len(self.sent)
        parts = [f"{sent} e-mail notice{'' if sent == 1 else 's'} sent"]
        if self.unsent:
            names = sorted({record.addressee for record in self.unsent})
            parts.append(f"{len(self.unsent)} not sent for want of an address ({', '.join(names)})")
        if self.failed:
            parts.append(f"{len(self.failed)} refused by the mail server, to be tried again")
        return "; ".join(parts)


def notices_send(*, actor: Actor, notices: Iterable[Notice], now: dt.datetime | None = None) -> SendReport:
    """Send each notice once. One refused by the mail server does not stop the others."""
    now = now or timezone.now()
    report = SendReport()
    for notice in notices:
        try:
            record = notice_send(actor=actor, notice=notice, now=now)
        except (smtplib.SMTPException, OSError):
            logger.warning("E-mail notice %s to %s refused by the mail server", notice.key, notice.addressee)
            report.failed.append(notice)
            continue
        if record is None:
            continue
        (report.sent if record.was_sent else report.unsent).append(record)
    return report


def fail_if_refused(report: SendReport) -> None:
    """For management commands: exit non-zero when the mail server refused a notice, so the scheduler's log
    shows it. What was refused is tried again on the next run."""
    if report.failed:
        raise CommandError(f"{len(report.failed)} e-mail notice(s) refused by the mail server; the next run retries.")
