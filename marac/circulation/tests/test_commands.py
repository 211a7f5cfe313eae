"""The scheduled commands: one line of summary each, and a second run sends nothing."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from marac.meetings.models import MeetingStatus
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory, ResearchFactory

pytestmark = pytest.mark.django_db


def run(command: str) -> str:
    out = StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


def test_circulate_case_lists(contacts, mailoutbox):
    meeting = MeetingFactory(
        locality=contacts.locality,
        scheduled_for=timezone.now() + dt.timedelta(days=3),
        invited=[contacts.police, contacts.health],
        circulated=False,
    )
    item = AgendaItemFactory(meeting=meeting, referral__referring_agency=contacts.police)

    first, second = run("circulate_case_lists"), run("circulate_case_lists")

    assert first.count("\n") == 1
    assert first.startswith(f"1 case list circulated ({contacts.locality}, {meeting});")
    assert "1 e-mail notice sent; 1 not sent for want of an address (Riverside Hospital)" in first
    assert item.case.reference not in first and item.case.victim.family_name not in first
    assert second == "0 case lists circulated; 0 e-mail notices sent.\n"
    assert len(mailoutbox) == 1


def test_research_reminders(contacts, mailoutbox):
    meeting = MeetingFactory(
        locality=contacts.locality,
        scheduled_for=timezone.now() + dt.timedelta(days=1),
        research_deadline=timezone.now() + dt.timedelta(hours=3),
        invited=[contacts.police, contacts.housing],
    )
    item = AgendaItemFactory(meeting=meeting, referral__referring_agency=contacts.police)
    ResearchFactory(agenda_item=item, agency=contacts.police)

    first, second = run("research_reminders"), run("research_reminders")

    assert first == "Research reminders: 1 e-mail notice sent.\n"
    assert second == "Research reminders: 0 e-mail notices sent.\n"
    assert [message.to for message in mailoutbox] == [[contacts.housing.contact_email]]


def test_minutes_notices(contacts, mailoutbox):
    MeetingFactory(
        locality=contacts.locality,
        status=MeetingStatus.CLOSED,
        closed_at=timezone.now(),
        invited=[contacts.police, contacts.housing],
    )

    first, second = run("minutes_notices"), run("minutes_notices")

    assert first == "Minutes notices: 2 e-mail notices sent.\n"
    assert second == "Minutes notices: 0 e-mail notices sent.\n"
    assert len(mailoutbox) == 2
