"""MATAC actions are followed up as MARAC actions are: a reminder to the owner agency within three days of the due
date, an escalation to the coordinator and the owner agency once overdue, each recorded and e-mailed once, by the
same daily job; the e-mail names the action's number, tactic, owner and due date, never its text or the nominee."""

import datetime as dt
import html
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from marac.actions.followup import action_notices_send, notices_for
from marac.actions.models import ActionNotice, ActionStatus, NoticeKind, NoticeRecipient
from marac.actions.tests.factories import ActionFactory
from marac.audit.models import AuditAction, AuditEvent
from marac.matac.followup import matac_action_notices_send, reminders_of
from marac.matac.models import MatacAction, MatacActionNotice, NominationStatus, TacticCategory
from marac.matac.tests.factories import listing_of, matac_action, matac_meeting, nomination_of
from marac.notifications.models import EmailNotice
from marac.notifications.models import NoticeKind as EmailKind
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime(2026, 3, 10, 7, 0))
TODAY = timezone.localdate(NOW)
HOUSING = "housing.marac@riverside.example.org"
COORDINATOR = "coordinator.marac@riverside.example.org"
TEXT = "Check Karl Rook's new address on Birch Close every week"


@pytest.fixture
def listing(locale):
    """Karl Rook, selected for MATAC, on a meeting to which police, housing and the IDVA service are invited."""
    person = PersonFactory(locality=locale.locality, given_name="Karl", family_name="Rook")
    nomination = nomination_of(locale, person, status=NominationStatus.SELECTED)
    return listing_of(matac_meeting(locale), nomination)


@pytest.fixture
def contacts(locale):
    locale.housing.contact_email = HOUSING
    locale.housing.save()
    locale.locality.coordinator_email = COORDINATOR
    locale.locality.save()
    return locale


def due_in(listing, owner, days: int, **kwargs) -> MatacAction:
    action = matac_action(listing, owner, text=TEXT, **kwargs)
    action.due_date = TODAY + dt.timedelta(days=days)
    action.save(update_fields=["due_date"])
    return action


def kinds(notices) -> set[tuple[int, str, str]]:
    return {(notice.action_id, notice.kind, notice.recipient) for notice in notices}


def test_a_reminder_goes_to_the_owner_within_three_days_of_the_due_date(locale, listing):
    due_soon = due_in(listing, locale.housing, 3)
    due_today = due_in(listing, locale.police, 0)
    due_in(listing, locale.housing, 4)

    recorded = matac_action_notices_send(now=NOW)

    assert kinds(recorded) == {
        (due_soon.pk, NoticeKind.REMINDER, NoticeRecipient.OWNER_AGENCY),
        (due_today.pk, NoticeKind.REMINDER, NoticeRecipient.OWNER_AGENCY),
    }
    assert {(notice.action_id, notice.agency) for notice in recorded} == {
        (due_soon.pk, locale.housing),
        (due_today.pk, locale.police),
    }
    assert {notice.sent_at for notice in recorded} == {NOW}


def test_an_overdue_action_is_escalated_to_the_coordinator_and_the_owner(locale, listing):
    overdue = due_in(listing, locale.housing, -1)

    recorded = matac_action_notices_send(now=NOW)

    assert kinds(recorded) == {
        (overdue.pk, NoticeKind.OVERDUE, NoticeRecipient.COORDINATOR),
        (overdue.pk, NoticeKind.OVERDUE, NoticeRecipient.OWNER_AGENCY),
    }
    events = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="matac.matacactionnotice")
    assert events.count() == 2
    assert {event.detail["matac_action"] for event in events} == {overdue.pk}
    assert set(events.values_list("case_id", flat=True)) == {None}  # a nominee may have no case


def test_finished_actions_and_inactive_owners_get_nothing(locale, listing):
    due_in(listing, locale.housing, -1, status=ActionStatus.DONE)
    due_in(listing, locale.housing, 1, status=ActionStatus.NOT_POSSIBLE)
    in_progress = due_in(listing, locale.police, -3, status=ActionStatus.IN_PROGRESS)
    locale.health.is_active = False
    locale.health.save()
    due_in(listing, locale.health, -1)

    recorded = matac_action_notices_send(now=NOW)

    assert {notice.action_id for notice in recorded} == {in_progress.pk}


def test_a_second_run_records_and_sends_nothing(contacts, listing, mailoutbox):
    due_in(listing, contacts.housing, 2)
    due_in(listing, contacts.housing, -5)

    first = matac_action_notices_send(now=NOW)
    second = matac_action_notices_send(now=NOW + dt.timedelta(hours=1))

    assert len(first) == 3 and len(mailoutbox) == 3
    assert second == [] and second.emails.is_empty
    assert MatacActionNotice.objects.count() == EmailNotice.objects.count() == 3


def test_reminder_then_escalation_then_a_moved_due_date(locale, listing):
    action = due_in(listing, locale.housing, 1)
    assert kinds(matac_action_notices_send(now=NOW)) == {(action.pk, NoticeKind.REMINDER, NoticeRecipient.OWNER_AGENCY)}

    later = NOW + dt.timedelta(days=2)
    assert {notice.kind for notice in matac_action_notices_send(now=later)} == {NoticeKind.OVERDUE}
    assert matac_action_notices_send(now=later + dt.timedelta(days=1)) == []

    action.due_date = timezone.localdate(later) + dt.timedelta(days=2)
    action.save()
    assert kinds(matac_action_notices_send(now=later)) == {
        (action.pk, NoticeKind.REMINDER, NoticeRecipient.OWNER_AGENCY)
    }


def test_the_reminder_e_mail_says_which_action_and_nothing_about_him(contacts, listing, mailoutbox):
    action = due_in(listing, contacts.housing, 2, category=TacticCategory.DISRUPTION)

    recorded = matac_action_notices_send(now=NOW)

    assert [message.to for message in mailoutbox] == [[HOUSING]]
    message = mailoutbox[0]
    assert message.subject == f"Riverside MARAC: MATAC action {action.pk} due on Thursday 12 March 2026"
    assert f"MATAC action {action.pk}, owned by Riverside Housing, is due on Thursday 12 March 2026." in message.body
    assert "Tactic: Disruption." in message.body
    assert f"/matac/actions/{action.pk}/" in message.body
    for forbidden in ("Karl", "Rook", "Birch Close", "1984"):
        assert forbidden not in message.body and forbidden not in message.subject
    assert [record.kind for record in recorded.emails.sent] == [EmailKind.MATAC_ACTION_REMINDER]


def test_the_escalation_e_mails_the_coordinator_mailbox_and_the_owner(contacts, listing, mailoutbox):
    action = due_in(listing, contacts.housing, -1, category=TacticCategory.ENFORCEMENT)

    matac_action_notices_send(now=NOW)

    by_address = {message.to[0]: message for message in mailoutbox}
    assert sorted(by_address) == [COORDINATOR, HOUSING]
    assert {message.subject for message in mailoutbox} == {f"Riverside MARAC: MATAC action {action.pk} is overdue"}
    assert "Please follow it up with Riverside Housing" in by_address[COORDINATOR].body
    assert "Please record what has happened" in by_address[HOUSING].body
    assert all(TEXT not in message.body for message in mailoutbox)
    assert set(EmailNotice.objects.values_list("kind", flat=True)) == {EmailKind.MATAC_ACTION_OVERDUE}


def test_a_notice_without_an_address_is_mailed_once_one_is_added(locale, listing, mailoutbox):
    due_in(listing, locale.housing, 1)
    matac_action_notices_send(now=NOW)
    assert mailoutbox == []
    assert EmailNotice.objects.get().sent_at is None

    locale.housing.contact_email = HOUSING
    locale.housing.save()
    later = matac_action_notices_send(now=NOW + dt.timedelta(hours=1))
    matac_action_notices_send(now=NOW + dt.timedelta(hours=2))

    assert later == []  # nothing new recorded; the recorded reminder is mailed
    assert [message.to for message in mailoutbox] == [[HOUSING]]


def test_marac_and_matac_actions_of_the_same_number_are_told_apart(contacts, listing, mailoutbox):
    marac = ActionFactory(case__locality=contacts.locality, owner_agency=contacts.housing, due_date=TODAY)
    matac = due_in(listing, contacts.housing, 0)
    MatacAction.objects.filter(pk=matac.pk).update(id=marac.pk)

    action_notices_send(now=NOW)
    matac_action_notices_send(now=NOW)

    assert sorted(message.subject for message in mailoutbox) == [
        f"Riverside MARAC: MATAC action {marac.pk} due on Tuesday 10 March 2026",
        f"Riverside MARAC: action {marac.pk} due on Tuesday 10 March 2026",
    ]
    assert ActionNotice.objects.count() == MatacActionNotice.objects.count() == 1
    # The MARAC notices list shows MARAC actions only: a MATAC action has no case to link to.
    assert kinds(notices_for(contacts.actor("housing_rep"))) == {
        (marac.pk, NoticeKind.REMINDER, NoticeRecipient.OWNER_AGENCY)
    }


def _run() -> str:
    out = StringIO()
    call_command("action_reminders", stdout=out)
    return out.getvalue()


def test_the_daily_command_follows_up_both_kinds_of_action_once(contacts, listing, mailoutbox):
    today = timezone.localdate()
    marac = ActionFactory(
        case__locality=contacts.locality, owner_agency=contacts.housing, due_date=today - dt.timedelta(days=2)
    )
    matac = matac_action(listing, contacts.housing, text=TEXT, due_in_days=2)

    first = _run()
    second = _run()

    assert f"action {marac.pk} of Riverside Housing" in first
    assert (
        f"MATAC reminder: due soon: MATAC action {matac.pk} of Riverside Housing, "
        f"due {matac.due_date:%d %B %Y}, to Riverside Housing." in first
    )
    assert "Recorded 2 action notices." in first and "Recorded 1 MATAC action notice." in first
    assert "Action e-mails: 3 e-mail notices sent." in first
    assert "Karl" not in first and "Birch Close" not in first
    assert second.strip() == "No new action notices."
    assert len(mailoutbox) == 3


def _page(client, action) -> str:
    response = client.get(reverse("matac:action", args=[action.pk]))
    assert response.status_code == 200
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def test_the_action_page_shows_when_the_owner_was_last_reminded(contacts, listing):
    action = due_in(listing, contacts.housing, 2)
    housing = contacts.client("housing_rep")
    assert "Owner last reminded Not yet. Riverside Housing's point of contact is reminded 3 days" in _page(
        housing, action
    )

    matac_action_notices_send(now=NOW)
    page = _page(housing, action)
    assert "Owner last reminded Tuesday 10 March 2026, 07:00: reminded that it is due on 12 March 2026" in page
    assert "E-mailed to the point of contact of Riverside Housing." in page
    assert "Escalated to the coordinator" not in page

    matac_action_notices_send(now=NOW + dt.timedelta(days=3))
    page = _page(contacts.client("coordinator"), action)
    assert (
        "Owner last reminded Friday 13 March 2026, 07:00: told that it is overdue (it was due on 12 March 2026)" in page
    )
    assert "Escalated to the coordinator Friday 13 March 2026, 07:00: told that it is overdue" in page
    assert "E-mailed to the coordinator mailbox." in page


def test_the_action_page_says_when_a_reminder_had_no_address(locale, listing):
    action = due_in(listing, locale.housing, 1)
    matac_action_notices_send(now=NOW)

    page = _page(locale.client("housing_rep"), action)

    assert "Not e-mailed There is no e-mail address for the point of contact of Riverside Housing." in page


def test_a_finished_action_never_reminded_says_so(locale, listing):
    action = due_in(listing, locale.housing, 10, status=ActionStatus.DONE)
    assert "Owner last reminded Never" in _page(locale.client("housing_rep"), action)


def test_reminders_of_reads_the_latest_notice_of_each_recipient(contacts, listing, django_assert_num_queries):
    action = due_in(listing, contacts.housing, 1)
    matac_action_notices_send(now=NOW)
    matac_action_notices_send(now=NOW + dt.timedelta(days=2))

    with django_assert_num_queries(2):
        reminders = reminders_of(action)

    assert (reminders.to_owner.notice.kind, reminders.to_owner.emailed) == (NoticeKind.OVERDUE, True)
    assert reminders.to_coordinator.notice.sent_at == NOW + dt.timedelta(days=2)
