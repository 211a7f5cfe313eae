"""Reminders before an action's due date and escalation once it is overdue, each recorded once."""

import datetime as dt

import pytest
from django.utils import timezone

from marac.actions.followup import action_notices_send, notices_for
from marac.actions.models import ActionNotice, ActionStatus, NoticeKind, NoticeRecipient
from marac.actions.tests.factories import ActionFactory
from marac.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime(2026, 3, 10, 7, 0))
TODAY = timezone.localdate(NOW)


def _action(locale, *, due_in_days: int, **kwargs):
    return ActionFactory(
        case__locality=locale.locality,
        case__idva_agency=locale.idva_service,
        owner_agency=locale.housing,
        due_date=TODAY + dt.timedelta(days=due_in_days),
        **kwargs,
    )


def _kinds(notices) -> set[tuple[int, str, str]]:
    return {(notice.action_id, notice.kind, notice.recipient) for notice in notices}


def test_reminder_to_owner_agency_within_three_days_of_due(locale):
    due_soon = _action(locale, due_in_days=3)
    due_today = _action(locale, due_in_days=0)
    _action(locale, due_in_days=4)

    recorded = action_notices_send(now=NOW)

    assert _kinds(recorded) == {
        (due_soon.pk, NoticeKind.REMINDER, NoticeRecipient.OWNER_AGENCY),
        (due_today.pk, NoticeKind.REMINDER, NoticeRecipient.OWNER_AGENCY),
    }
    assert {notice.agency for notice in recorded} == {locale.housing}
    assert {notice.sent_at for notice in recorded} == {NOW}


def test_overdue_escalates_to_coordinator_and_owner_agency(locale):
    overdue = _action(locale, due_in_days=-1)

    recorded = action_notices_send(now=NOW)

    assert _kinds(recorded) == {
        (overdue.pk, NoticeKind.OVERDUE, NoticeRecipient.COORDINATOR),
        (overdue.pk, NoticeKind.OVERDUE, NoticeRecipient.OWNER_AGENCY),
    }
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="actions.actionnotice").count() == 2
    assert set(AuditEvent.objects.values_list("case_id", flat=True)) == {overdue.case_id}


def test_done_and_not_possible_actions_get_nothing(locale):
    _action(locale, due_in_days=-1, status=ActionStatus.DONE)
    _action(locale, due_in_days=1, status=ActionStatus.NOT_POSSIBLE)

    assert action_notices_send(now=NOW) == []


def test_second_run_records_nothing_twice(locale):
    _action(locale, due_in_days=2)
    _action(locale, due_in_days=-5)
    first = action_notices_send(now=NOW)

    second = action_notices_send(now=NOW + dt.timedelta(hours=1))

    assert len(first) == 3
    assert second == []
    assert ActionNotice.objects.count() == 3


def test_reminder_then_overdue_then_moved_due_date(locale):
    action = _action(locale, due_in_days=1)
    assert _kinds(action_notices_send(now=NOW)) == {(action.pk, NoticeKind.REMINDER, NoticeRecipient.OWNER_AGENCY)}

    later = NOW + dt.timedelta(days=2)
    assert {notice.kind for notice in action_notices_send(now=later)} == {NoticeKind.OVERDUE}
    assert action_notices_send(now=later + dt.timedelta(days=1)) == []

    action.due_date = timezone.localdate(later) + dt.timedelta(days=2)
    action.save()
    assert _kinds(action_notices_send(now=later)) == {(action.pk, NoticeKind.REMINDER, NoticeRecipient.OWNER_AGENCY)}


def test_notices_for_shows_each_reader_what_is_addressed_to_them(locale):
    overdue = _action(locale, due_in_days=-1)
    police_action = ActionFactory(case=overdue.case, owner_agency=locale.police, due_date=TODAY + dt.timedelta(days=1))
    action_notices_send(now=NOW)

    housing = _kinds(notices_for(locale.actor("housing_rep")))
    coordinator = _kinds(notices_for(locale.actor("coordinator")))
    police = _kinds(notices_for(locale.actor("police_rep")))

    assert housing == {(overdue.pk, NoticeKind.OVERDUE, NoticeRecipient.OWNER_AGENCY)}
    assert coordinator == {(overdue.pk, NoticeKind.OVERDUE, NoticeRecipient.COORDINATOR)}
    assert police == {(police_action.pk, NoticeKind.REMINDER, NoticeRecipient.OWNER_AGENCY)}
    assert list(notices_for(locale.actor("chair"))) == []
    assert list(notices_for(locale.actor("health_rep"))) == []


def test_notices_for_drops_actions_since_completed(locale):
    action = _action(locale, due_in_days=-1)
    action_notices_send(now=NOW)
    action.status = ActionStatus.DONE
    action.save()

    assert list(notices_for(locale.actor("housing_rep"))) == []
    assert len(notices_for(locale.actor("housing_rep"), open_only=False)) == 1


def test_our_actions_page_shows_the_agencys_notices(locale):
    from django.urls import reverse

    late = _action(locale, due_in_days=-2, text="Fit a door chain")
    action_notices_send(now=NOW)
    page = locale.client("housing_rep").get(reverse("actions:ours")).content.decode()
    assert "Reminders and escalations" in page
    assert reverse("actions:detail", args=[late.pk]) in page
    assert "Reminders and escalations" not in locale.client("health_rep").get(reverse("actions:ours")).content.decode()
