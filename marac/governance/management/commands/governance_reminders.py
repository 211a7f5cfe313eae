"""Record a reminder for every protocol or agreement whose review date is near or past: `python manage.py
governance_reminders`. Run it daily from the scheduler (see docs/operations.md); running it again records nothing
twice."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from marac.access.actor import Actor
from marac.governance.models import REVIEW_NOTICE_DAYS, ReviewState, review_state
from marac.governance.services import review_reminders_record


class Command(BaseCommand):
    help = (
        f"Record one reminder for each current protocol or information-sharing agreement whose review date is "
        f"within {REVIEW_NOTICE_DAYS} days or past, and print the reminders recorded. Safe to run repeatedly."
    )

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        recorded = review_reminders_record(actor=Actor(user=None, membership=None), today=today)
        if not recorded:
            self.stdout.write("No new review reminders.")
            return
        for reminder in recorded:
            version = reminder.version
            self.stdout.write(
                f"{version.document.locality}: {version.document.get_kind_display()}, version {version.label}: "
                f"{_when(reminder.due_on, today=today)}."
            )
        plural = "" if len(recorded) == 1 else "s"
        self.stdout.write(self.style.SUCCESS(f"Recorded {len(recorded)} review reminder{plural}."))


def _days(number: int) -> str:
    return f"{number} day" if number == 1 else f"{number} days"


def _when(due_on: dt.date, *, today: dt.date) -> str:
    days = (due_on - today).days
    if review_state(due_on, today=today) == ReviewState.OVERDUE:
        return f"review overdue since {due_on:%d %B %Y} ({_days(-days)} ago)"
    if days == 0:
        return f"review due today, {due_on:%d %B %Y}"
    return f"review due by {due_on:%d %B %Y} (in {_days(days)})"
