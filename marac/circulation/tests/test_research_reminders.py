"""Reminders to agencies with research outstanding: by schedule near and after the deadline, and by hand."""

import datetime as dt

import pytest
from django.urls import reverse

from marac.circulation.reminders import research_reminders_due, research_reminders_send
from marac.circulation.services import circulate_due
from marac.circulation.tests.conftest import CONTACTS, COORDINATOR_MAILBOX, NOW, addresses
from marac.meetings.models import MeetingStatus, ResearchFinding
from marac.meetings.tests.factories import ResearchFactory
from marac.notifications.models import EmailNotice, NoticeKind
from marac.referrals.models import Case, CaseStatus

pytestmark = pytest.mark.django_db

DEADLINE = NOW + dt.timedelta(days=8)  # the meeting is at NOW + 10 days; research is due two days before


@pytest.fixture
def circulated(upcoming, list_case, mailoutbox):
    """Two cases; police has researched both, housing one, the IDVA service and health none."""
    upcoming.research_deadline = DEADLINE
    upcoming.save()
    first, second = list_case(upcoming), list_case(upcoming)
    for item in (first, second):
        ResearchFactory(agenda_item=item, agency=upcoming.invited_agencies.get(name__endswith="Police"))
    ResearchFactory(
        agenda_item=first, agency=upcoming.invited_agencies.get(name__endswith="Housing"), finding=ResearchFinding.KNOWN
    )
    circulate_due(now=NOW + dt.timedelta(days=3))
    mailoutbox.clear()
    return upcoming


def test_no_reminder_until_a_day_before_the_deadline(circulated, mailoutbox):
    assert research_reminders_due(now=DEADLINE - dt.timedelta(hours=25)).is_empty
    assert mailoutbox == []


def test_a_day_before_the_deadline_agencies_with_research_outstanding_are_reminded_once(
    contacts, circulated, mailoutbox
):
    report = research_reminders_due(now=DEADLINE - dt.timedelta(hours=23))
    research_reminders_due(now=DEADLINE - dt.timedelta(hours=2))

    assert addresses(mailoutbox) == sorted([CONTACTS["housing"], CONTACTS["idva_service"]])
    assert [record.agency for record in report.unsent] == [contacts.health]
    housing = next(message for message in mailoutbox if CONTACTS["housing"] in message.to)
    assert "1 of the 2 cases" in housing.body
    assert "Research is due by Tuesday 10 March 2026, 09:00" in housing.body


def test_after_the_deadline_late_agencies_and_the_coordinator_are_told_once(circulated, mailoutbox):
    research_reminders_due(now=DEADLINE - dt.timedelta(hours=2))
    mailoutbox.clear()

    research_reminders_due(now=DEADLINE + dt.timedelta(hours=1))
    research_reminders_due(now=DEADLINE + dt.timedelta(hours=2))

    assert addresses(mailoutbox) == sorted([CONTACTS["housing"], CONTACTS["idva_service"], COORDINATOR_MAILBOX])
    summary = next(message for message in mailoutbox if COORDINATOR_MAILBOX in message.to)
    assert "1 of 4 invited agencies have posted research for all 2 cases" in summary.body
    assert "Riverside Domestic Abuse Service, Riverside Hospital, Riverside Housing" in summary.body
    assert reverse("circulation:research_grid", kwargs={"pk": circulated.pk}) in summary.body
    assert EmailNotice.objects.filter(kind=NoticeKind.RESEARCH_LATE).count() == 3  # health's recorded unsent


def test_no_reminders_once_the_meeting_has_started(circulated, mailoutbox):
    circulated.status = MeetingStatus.IN_PROGRESS
    circulated.save()

    assert research_reminders_due(now=DEADLINE + dt.timedelta(hours=1)).is_empty


def test_a_moved_deadline_earns_its_own_reminder(circulated, mailoutbox):
    research_reminders_due(now=DEADLINE - dt.timedelta(hours=2))
    circulated.research_deadline = DEADLINE + dt.timedelta(hours=12)
    circulated.save()
    mailoutbox.clear()

    research_reminders_due(now=DEADLINE - dt.timedelta(hours=1))

    assert len(mailoutbox) == 2


def test_the_coordinator_reminds_by_hand_at_most_once_a_day(locale, circulated, mailoutbox):
    actor = locale.actor("coordinator")

    first = research_reminders_send(actor=actor, meeting=circulated, now=NOW + dt.timedelta(days=4))
    same_day = research_reminders_send(actor=actor, meeting=circulated, now=NOW + dt.timedelta(days=4, hours=3))
    next_day = research_reminders_send(actor=actor, meeting=circulated, now=NOW + dt.timedelta(days=5))

    assert len(first.sent) == 2 and same_day.is_empty and len(next_day.sent) == 2
    assert {notice.kind for notice in first.sent} == {NoticeKind.RESEARCH_REMINDER}


def test_the_reminder_button(locale, circulated, mailoutbox):
    url = reverse("circulation:research_reminders", kwargs={"pk": circulated.pk})

    response = locale.client("coordinator").post(url, follow=True)

    assert response.redirect_chain[-1][0] == reverse("circulation:research_grid", kwargs={"pk": circulated.pk})
    assert "2 e-mail notices sent" in response.content.decode()
    assert addresses(mailoutbox) == sorted([CONTACTS["housing"], CONTACTS["idva_service"]])


def test_no_reminder_for_a_list_not_yet_circulated(locale, upcoming, list_case, mailoutbox):
    list_case(upcoming)
    url = reverse("circulation:research_reminders", kwargs={"pk": upcoming.pk})

    response = locale.client("coordinator").post(url, follow=True)

    assert "Circulate the case list first" in response.content.decode()
    assert mailoutbox == []


def test_a_case_transferred_away_is_not_chased(contacts, circulated, mailoutbox):
    """Housing owes research only on the second case; once it moves to another area housing owes nothing."""
    second = circulated.agenda_items.order_by("position").last()
    Case.objects.filter(pk=second.case_id).update(status=CaseStatus.TRANSFERRED)

    research_reminders_due(now=DEADLINE - dt.timedelta(hours=23))

    assert CONTACTS["housing"] not in addresses(mailoutbox)
    assert CONTACTS["idva_service"] in addresses(mailoutbox)
    idva = next(message for message in mailoutbox if CONTACTS["idva_service"] in message.to)
    assert "1 of the 1 case on" in idva.body
