"""Action reminders and escalations are e-mailed once: reminders to the owner agency's point of contact, overdue
escalations to the coordinator mailbox and the owner agency; the action's number and due date, never its text."""

import datetime as dt

import pytest
from django.utils import timezone

from marac.actions.followup import action_notices_send
from marac.actions.models import ActionNotice
from marac.actions.tests.factories import ActionFactory
from marac.notifications.models import EmailNotice, NoticeKind

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime(2026, 3, 10, 7, 0))
TODAY = timezone.localdate(NOW)
HOUSING = "housing.marac@riverside.example.org"
COORDINATOR = "coordinator.marac@riverside.example.org"
TEXT = "Call Amara Okafor about the locks"


@pytest.fixture
def contacts(locale):
    locale.housing.contact_email = HOUSING
    locale.housing.save()
    locale.locality.coordinator_email = COORDINATOR
    locale.locality.save()
    return locale


def action_due_in(locale, days: int):
    return ActionFactory(
        case__locality=locale.locality, owner_agency=locale.housing, text=TEXT, due_date=TODAY + dt.timedelta(days)
    )


def test_a_reminder_goes_to_the_owner_agency(contacts, mailoutbox):
    action = action_due_in(contacts, 2)

    recorded = action_notices_send(now=NOW)

    assert [message.to for message in mailoutbox] == [[HOUSING]]
    message = mailoutbox[0]
    assert message.subject == f"Riverside MARAC: action {action.pk} due on Thursday 12 March 2026"
    assert f"/actions/{action.pk}/" in message.body
    assert TEXT not in message.body and action.case.reference not in message.body
    assert [record.kind for record in recorded.emails.sent] == [NoticeKind.ACTION_REMINDER]


def test_an_escalation_goes_to_the_coordinator_and_the_owner_agency(contacts, mailoutbox):
    action = action_due_in(contacts, -1)

    action_notices_send(now=NOW)

    assert sorted(address for message in mailoutbox for address in message.to) == [COORDINATOR, HOUSING]
    assert all(message.subject == f"Riverside MARAC: action {action.pk} is overdue" for message in mailoutbox)
    assert all(TEXT not in message.body for message in mailoutbox)


def test_running_again_sends_nothing(contacts, mailoutbox):
    action_due_in(contacts, -1)
    action_due_in(contacts, 1)

    action_notices_send(now=NOW)
    again = action_notices_send(now=NOW + dt.timedelta(hours=1))

    assert len(mailoutbox) == 3
    assert again == [] and again.emails.is_empty
    assert EmailNotice.objects.count() == ActionNotice.objects.count() == 3


def test_a_notice_recorded_without_an_address_is_mailed_once_one_is_added(locale, mailoutbox):
    action_due_in(locale, 1)
    action_notices_send(now=NOW)
    assert mailoutbox == []
    assert EmailNotice.objects.get().sent_at is None

    locale.housing.contact_email = HOUSING
    locale.housing.save()
    later = action_notices_send(now=NOW + dt.timedelta(hours=1))
    action_notices_send(now=NOW + dt.timedelta(hours=2))

    assert later == []  # nothing new recorded; the recorded reminder is mailed
    assert [message.to for message in mailoutbox] == [[HOUSING]]
