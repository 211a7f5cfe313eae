"""`governance_reminders` records one reminder per current version whose review is within 30 days or past, and
records nothing twice however often it runs."""

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from marac.audit.models import AuditEvent
from marac.governance.models import DocumentKind, ReviewReminder
from marac.governance.selectors import documents_due_for_review
from marac.governance.services import review_reminders_record
from marac.governance.tests.factories import DocumentVersionFactory


def run() -> str:
    out = io.StringIO()
    call_command("governance_reminders", stdout=out)
    return out.getvalue()


def days_from_today(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def test_due_and_overdue_versions_are_reminded_once(locale, other_locale):
    overdue = DocumentVersionFactory(
        document__locality=locale.locality,
        document__kind=DocumentKind.AGREEMENT,
        label="4",
        review_on=days_from_today(-3),
    )
    due = DocumentVersionFactory(
        document__locality=other_locale.locality,
        document__kind=DocumentKind.PROTOCOL,
        label="2",
        review_on=days_from_today(12),
    )
    DocumentVersionFactory(
        document__locality=locale.locality, document__kind=DocumentKind.PROTOCOL, review_on=days_from_today(31)
    )

    first = run()

    assert {(reminder.version, reminder.due_on) for reminder in ReviewReminder.objects.all()} == {
        (overdue, overdue.review_on),
        (due, due.review_on),
    }
    assert "Riverside MARAC: Information-sharing agreement, version 4: review overdue since" in first
    assert "(3 days ago)" in first
    assert "Hillcrest MARAC: Operating protocol, version 2: review due by" in first
    assert "(in 12 days)" in first
    assert "Recorded 2 review reminders." in first
    events = AuditEvent.objects.filter(object_type="governance.reviewreminder").count()
    assert events == 2

    second = run()

    assert ReviewReminder.objects.count() == 2
    assert AuditEvent.objects.filter(object_type="governance.reviewreminder").count() == events
    assert second.strip() == "No new review reminders."


def test_a_replaced_version_needs_no_review(locale):
    old = DocumentVersionFactory(document__locality=locale.locality, label="1", review_on=days_from_today(-40))
    DocumentVersionFactory(document=old.document, label="2", review_on=days_from_today(300))
    assert run().strip() == "No new review reminders."
    assert list(documents_due_for_review(locale.locality)) == []


def test_a_new_version_due_later_is_reminded_again(locale):
    first = DocumentVersionFactory(document__locality=locale.locality, label="1", review_on=days_from_today(5))
    run()
    second = DocumentVersionFactory(document=first.document, label="2", review_on=days_from_today(20))
    run()
    assert [reminder.version for reminder in ReviewReminder.objects.order_by("pk")] == [first, second]


def test_review_due_today(locale):
    DocumentVersionFactory(document__locality=locale.locality, label="7", review_on=days_from_today(0))
    assert "version 7: review due today" in run()


def test_documents_due_for_review_of_one_locality(locale, other_locale):
    soon = DocumentVersionFactory(document__locality=locale.locality, review_on=days_from_today(30))
    DocumentVersionFactory(
        document__locality=locale.locality, document__kind=DocumentKind.PROTOCOL, review_on=days_from_today(31)
    )
    DocumentVersionFactory(document__locality=other_locale.locality, review_on=days_from_today(1))
    assert list(documents_due_for_review(locale.locality)) == [soon]
    assert len(documents_due_for_review(locale.locality, within_days=31)) == 2


def test_the_service_records_each_reminder_once_for_a_given_day(locale):
    DocumentVersionFactory(document__locality=locale.locality, review_on=days_from_today(1))
    actor = locale.actor("admin")
    assert len(review_reminders_record(actor=actor, today=timezone.localdate())) == 1
    assert review_reminders_record(actor=actor, today=timezone.localdate() + dt.timedelta(days=1)) == []
