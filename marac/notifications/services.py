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

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marac.access.actor import Actor
from marac.accounts.languages import supported_language
from marac.agencies.models import Agency, Locality
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.meetings.models import Meeting
from marac.notifications.content import Facts
from marac.notifications.models import EmailNotice, NoticeKind, coordinator_of
from marac.referrals.models import Case

logger = logging.getLogger(__name__)

# The subjects keep their {placeholders} through translation: they are filled in after it.
SUBJECTS: dict[str, Promise] = {
    NoticeKind.CASE_LIST: _("{mechanism}: case list for the meeting on {meeting_day}"),
    NoticeKind.CASE_LIST_UPDATED: _("{mechanism}: case list updated for the meeting on {meeting_day}"),
    NoticeKind.RESEARCH_REMINDER: _("{mechanism}: research for the meeting on {meeting_day}"),
    NoticeKind.RESEARCH_LATE: _("{mechanism}: research for the meeting on {meeting_day} is late"),
    NoticeKind.RESEARCH_DEADLINE_PASSED: _("{mechanism}: research deadline passed for the meeting on {meeting_day}"),
    NoticeKind.ACTION_REMINDER: _("{mechanism}: action {action_id} due on {due_date}"),
    NoticeKind.ACTION_OVERDUE: _("{mechanism}: action {action_id} is overdue"),
    NoticeKind.MINUTES: _("{mechanism}: minutes of the meeting on {meeting_day}"),
    NoticeKind.REPEAT_REFERRAL: _("{mechanism}: repeat referral {referral_id} made from incidents"),
    NoticeKind.ORDER_ENDING: _("{mechanism}: order {order_id} ends on {end_day}"),
    NoticeKind.MATAC_ACTION_REMINDER: _("{mechanism}: MATAC action {action_id} due on {due_date}"),
    NoticeKind.MATAC_ACTION_OVERDUE: _("{mechanism}: MATAC action {action_id} is overdue"),
    NoticeKind.RELEASE_OR_ESCAPE: _("{mechanism}: release or escape recorded, notification {notification_id} to give"),
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
    def addressee(self) -> str | Promise:
        """Lazy for the coordinator mailbox: the notice names it in its language, the audit trail in English."""
        return self.agency.name if self.agency is not None else coordinator_of(self.locality)

    @property
    def language(self) -> str:
        """The recipient's language: the locality's, else the site's."""
        return supported_language(self.locality.language) or settings.LANGUAGE_CODE


def render_notice(notice: Notice) -> tuple[str, str]:
    """The subject and the plain-text body, in the notice's language whatever language is active: the lazy facts
    (dates, labels) take their words from it as they are rendered."""
    with translation.override(notice.language):
        context = {**notice.facts, "addressee": str(notice.addressee)}
        subject = str(SUBJECTS[notice.kind]).format(**context)
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
        summary=f"{verb} {in_english(notice.kind.label).lower()} notice to {in_english(notice.addressee)}",
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
        """In the active language: a page shows it to the person who sent the notices, a command prints it."""
        sent = len(self.sent)
        parts = [ngettext("%(count)s e-mail notice sent", "%(count)s e-mail notices sent", sent) % {"count": sent}]
        if self.unsent:
            names = sorted({str(record.addressee) for record in self.unsent})
            parts.append(
                ngettext(
                    "%(count)s not sent for want of an address (%(addressees)s)",
                    "%(count)s not sent for want of an address (%(addressees)s)",
                    len(self.unsent),
                )
                % {"count": len(self.unsent), "addressees": ", ".join(names)}
            )
        if self.failed:
            parts.append(
                ngettext(
                    "%(count)s refused by the mail server, to be tried again",
                    "%(count)s refused by the mail server, to be tried again",
                    len(self.failed),
                )
                % {"count": len(self.failed)}
            )
        return "; ".join(parts)


def notices_send(*, actor: Actor, notices: Iterable[Notice], now: dt.datetime | None = None) -> SendReport:
    """Send each notice once. One refused by the mail server does not stop the others."""
    now = now or timezone.now()
    report = SendReport()
    for notice in notices:
        try:
            record = notice_send(actor=actor, notice=notice, now=now)
        except (smtplib.SMTPException, OSError):
            addressee = in_english(notice.addressee)
            logger.warning("E-mail notice %s to %s refused by the mail server", notice.key, addressee)
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
