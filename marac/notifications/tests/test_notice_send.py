"""Sending one notice: once per key, recorded unsent without an address, retried after the mail server refuses."""

import datetime as dt
import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from marac.access.actor import Actor
from marac.audit.models import AuditEvent
from marac.meetings.tests.factories import MeetingFactory
from marac.notifications.content import meeting_facts
from marac.notifications.models import EmailNotice, NoticeKind
from marac.notifications.services import Notice, notice_send, notices_send

pytestmark = pytest.mark.django_db

SYSTEM = Actor(user=None, membership=None)


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({})


@pytest.fixture
def notice(locale):
    meeting = MeetingFactory(locality=locale.locality, scheduled_for=timezone.now() + dt.timedelta(days=7))
    return Notice(
        kind=NoticeKind.CASE_LIST,
        key=f"case-list:{meeting.pk}:{locale.childrens_social_care.pk}:1",
        locality=locale.locality,
        agency=locale.childrens_social_care,
        meeting=meeting,
        facts=meeting_facts(meeting, case_count=3, link="http://127.0.0.1:8000/meetings/1/"),
    )


def give_address(agency, address: str = "children.marac@riverside.example.org") -> None:
    agency.contact_email = address
    agency.save()


def test_sent_once_per_key(locale, notice, mailoutbox):
    give_address(locale.childrens_social_care)

    first = notice_send(actor=SYSTEM, notice=notice)
    second = notice_send(actor=SYSTEM, notice=notice)

    assert first.was_sent and first.recipient == "children.marac@riverside.example.org"
    assert second is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].from_email == "marac@localhost"
    assert EmailNotice.objects.count() == 1
    event = AuditEvent.objects.get(object_type="notifications.emailnotice")
    assert event.summary == "E-mailed case list circulated notice to Riverside Children's Services"
    assert "riverside.example.org" not in str(event.detail)


def test_the_body_is_plain_text_not_html_escaped(locale, notice, mailoutbox):
    give_address(locale.childrens_social_care)

    notice_send(actor=SYSTEM, notice=notice)

    assert "To Riverside Children's Services," in mailoutbox[0].body
    assert "&#x27;" not in mailoutbox[0].body


def test_without_an_address_it_is_recorded_once_and_sent_when_one_is_added(locale, notice, mailoutbox):
    unsent = notice_send(actor=SYSTEM, notice=notice)
    assert notice_send(actor=SYSTEM, notice=notice) is None
    assert (unsent.was_sent, unsent.recipient) == (False, "")
    assert mailoutbox == []
    assert AuditEvent.objects.get(object_type="notifications.emailnotice").summary.startswith("Could not e-mail")

    give_address(locale.childrens_social_care)
    sent = notice_send(actor=SYSTEM, notice=notice)

    assert sent.pk == unsent.pk and sent.was_sent
    assert len(mailoutbox) == 1
    assert notice_send(actor=SYSTEM, notice=notice) is None


def test_a_refused_message_records_nothing_and_is_tried_again(locale, notice, settings, mailoutbox):
    give_address(locale.childrens_social_care)
    settings.EMAIL_BACKEND = "marac.notifications.tests.test_notice_send.RefusingBackend"

    report = notices_send(actor=SYSTEM, notices=[notice])

    assert report.failed == [notice] and not report.sent
    assert not EmailNotice.objects.exists()
    assert not AuditEvent.objects.filter(object_type="notifications.emailnotice").exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert len(notices_send(actor=SYSTEM, notices=[notice]).sent) == 1
    assert len(mailoutbox) == 1


def test_to_the_coordinator_mailbox(locale, notice, mailoutbox):
    locale.locality.coordinator_email = "coordinator@riverside.example.org"
    locale.locality.save()
    to_coordinator = Notice(
        kind=NoticeKind.RESEARCH_DEADLINE_PASSED,
        key="research-deadline:1:202603100900",
        locality=locale.locality,
        meeting=notice.meeting,
        facts={**notice.facts, "agency_count": 4, "complete_count": 4, "late_agencies": ""},
    )

    record = notice_send(actor=SYSTEM, notice=to_coordinator)

    assert record.agency is None and record.addressee == "the coordinator of Riverside MARAC"
    assert mailoutbox[0].to == ["coordinator@riverside.example.org"]
    assert "Still to post research" not in mailoutbox[0].body
