"""Remind agencies with research outstanding as a deadline nears and once it has passed:
`python manage.py research_reminders`. Run it hourly from the scheduler (see docs/operations.md); running it again
sends nothing twice."""

from django.core.management.base import BaseCommand

from marac.circulation.reminders import REMINDER_HOURS_BEFORE_DEADLINE, research_reminders_due
from marac.notifications.services import fail_if_refused


class Command(BaseCommand):
    help = (
        f"E-mail each agency with research outstanding on a circulated case list once within "
        f"{REMINDER_HOURS_BEFORE_DEADLINE} hours of the research deadline and once after it, and the coordinator "
        "mailbox once the deadline has passed. Safe to run repeatedly."
    )

    def handle(self, *args, **options) -> None:
        report = research_reminders_due()
        self.stdout.write(f"Research reminders: {report.summary()}.")
        fail_if_refused(report)
