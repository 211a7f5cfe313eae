"""Record reminders for actions due soon and escalations for overdue ones, and e-mail them: `python manage.py
action_reminders`. Run it daily from the scheduler (see docs/operations.md); running it again records and sends
nothing twice."""

from django.core.management.base import BaseCommand

from marac.actions.followup import REMINDER_DAYS_BEFORE_DUE, action_notices_send
from marac.notifications.services import fail_if_refused


class Command(BaseCommand):
    help = (
        f"Record a reminder to the owner agency for each open action due within {REMINDER_DAYS_BEFORE_DUE} days, "
        "and an escalation to the coordinator and the owner agency for each overdue one; e-mail each to the agency's "
        "point of contact or the coordinator mailbox; print what was recorded. Safe to run repeatedly."
    )

    def handle(self, *args, **options) -> None:
        recorded = action_notices_send()
        if not recorded:
            self.stdout.write("No new action notices.")
            if not recorded.emails.is_empty:
                self.stdout.write(f"Action e-mails caught up: {recorded.emails.summary()}.")
            fail_if_refused(recorded.emails)
            return
        # Agencies and dates only: an action's text may name people, and this output goes to a log file.
        for notice in recorded:
            addressee = notice.agency if notice.agency else f"the coordinator of {notice.action.case.locality}"
            self.stdout.write(
                f"{notice.get_kind_display()}: action {notice.action_id} of {notice.action.owner_agency}, "
                f"due {notice.due_date:%d %B %Y}, to {addressee}."
            )
        plural = "" if len(recorded) == 1 else "s"
        self.stdout.write(self.style.SUCCESS(f"Recorded {len(recorded)} action notice{plural}."))
        self.stdout.write(f"Action e-mails: {recorded.emails.summary()}.")
        fail_if_refused(recorded.emails)
