"""The scheduler circulates a case list at the locality's lead time and e-mails each invited agency once."""

import datetime as dt

import pytest

from marac.audit.models import AuditAction, AuditEvent
from marac.circulation.models import Circulation
from marac.circulation.services import circulate_due
from marac.circulation.tests.conftest import CONTACTS, NOW, addresses
from marac.meetings.models import MeetingMode, MeetingStatus
from marac.meetings.tests.factories import MeetingFactory
from marac.notifications.models import EmailNotice, NoticeKind

pytestmark = pytest.mark.django_db

INVITED_WITH_CONTACT = sorted([CONTACTS["police"], CONTACTS["housing"], CONTACTS["idva_service"]])


def test_nothing_is_circulated_before_the_lead_time(upcoming, list_case, mailoutbox):
    list_case(upcoming)

    run = circulate_due(now=NOW + dt.timedelta(days=2, hours=23))

    assert run.circulated == []
    assert not Circulation.objects.exists()
    assert mailoutbox == []


def test_at_the_lead_time_the_list_is_circulated_and_each_invited_agency_told(upcoming, list_case, mailoutbox):
    list_case(upcoming)
    list_case(upcoming)
    at_lead_time = NOW + dt.timedelta(days=3)

    run = circulate_due(now=at_lead_time)

    assert run.circulated == [upcoming]
    circulation = Circulation.objects.get(meeting=upcoming)
    assert (circulation.circulated_at, circulation.circulated_by) == (at_lead_time, None)
    assert addresses(mailoutbox) == INVITED_WITH_CONTACT
    assert {message.subject for message in mailoutbox} == {
        f"{upcoming.locality}: case list for the meeting on Thursday 12 March 2026"
    }
    assert "2 cases" in mailoutbox[0].body
    event = AuditEvent.objects.get(object_type="circulation.circulation")
    assert event.action == AuditAction.CREATE
    assert sorted(event.detail["ids"]) == sorted(upcoming.agenda_items.values_list("case_id", flat=True))


def test_an_agency_without_a_point_of_contact_is_recorded_not_mailed(contacts, upcoming, list_case, mailoutbox):
    list_case(upcoming)

    run = circulate_due(now=NOW + dt.timedelta(days=3))

    unsent = EmailNotice.objects.get(agency=contacts.health)
    assert (unsent.kind, unsent.recipient, unsent.sent_at) == (NoticeKind.CASE_LIST, "", None)
    assert [record.agency for record in run.notices.unsent] == [contacts.health]
    assert "1 not sent for want of an address (Riverside Hospital)" in run.notices.summary()
    assert AuditEvent.objects.filter(object_type="notifications.emailnotice", object_id=str(unsent.pk)).exists()


def test_running_twice_sends_nothing_twice(upcoming, list_case, mailoutbox):
    list_case(upcoming)
    circulate_due(now=NOW + dt.timedelta(days=3))
    sent = len(mailoutbox)

    again = circulate_due(now=NOW + dt.timedelta(days=3, hours=1))

    assert again.circulated == [] and again.notices.is_empty
    assert len(mailoutbox) == sent == 3
    assert Circulation.objects.count() == 1


def test_a_meeting_without_cases_waits(upcoming, mailoutbox):
    run = circulate_due(now=NOW + dt.timedelta(days=5))

    assert run.circulated == []
    assert mailoutbox == []


def test_an_emergency_meeting_goes_out_as_soon_as_it_has_a_case(contacts, list_case, mailoutbox):
    emergency = MeetingFactory(
        locality=contacts.locality,
        mode=MeetingMode.EMERGENCY,
        scheduled_for=NOW + dt.timedelta(days=2),
        invited=[contacts.police],
        circulated=False,
    )
    assert circulate_due(now=NOW).circulated == []
    list_case(emergency)

    assert circulate_due(now=NOW).circulated == [emergency]
    assert addresses(mailoutbox) == [CONTACTS["police"]]


def test_meetings_already_started_or_past_are_left_alone(upcoming, list_case, mailoutbox):
    list_case(upcoming)
    upcoming.status = MeetingStatus.IN_PROGRESS
    upcoming.save()

    assert circulate_due(now=NOW + dt.timedelta(days=3)).circulated == []
    assert circulate_due(now=NOW + dt.timedelta(days=11)).circulated == []
    assert mailoutbox == []


def test_a_case_listed_after_circulation_earns_one_update_notice(upcoming, list_case, mailoutbox):
    list_case(upcoming)
    circulate_due(now=NOW + dt.timedelta(days=3))
    mailoutbox.clear()
    list_case(upcoming)

    circulate_due(now=NOW + dt.timedelta(days=4))
    circulate_due(now=NOW + dt.timedelta(days=4, hours=1))

    assert addresses(mailoutbox) == INVITED_WITH_CONTACT
    assert all("case list updated" in message.subject for message in mailoutbox)
    assert all("now has 2 cases" in message.body for message in mailoutbox)


def test_a_point_of_contact_added_later_is_told_on_the_next_run(contacts, upcoming, list_case, mailoutbox):
    list_case(upcoming)
    circulate_due(now=NOW + dt.timedelta(days=3))
    mailoutbox.clear()
    contacts.health.contact_email = "health.marac@riverside.example.org"
    contacts.health.save()

    circulate_due(now=NOW + dt.timedelta(days=3, hours=1))
    circulate_due(now=NOW + dt.timedelta(days=3, hours=2))

    assert addresses(mailoutbox) == ["health.marac@riverside.example.org"]
    assert "case list for the meeting" in mailoutbox[0].subject
    notice = EmailNotice.objects.get(agency=contacts.health)
    assert notice.sent_at == NOW + dt.timedelta(days=3, hours=1)
