"""Record reminders for actions due soon and escalations for overdue ones, MARAC actions and MATAC actions alike, and
e-mail them: `python manage.py action_reminders`. Run it daily from the scheduler (see docs/operations.md); running
it again records and sends nothing twice."""

from django.core.management.base import BaseCommand

from marac.actions.followup import REMINDER_DAYS_BEFORE_DUE, action_notices_send
from marac.matac.followup import matac_action_notices_send
from marac.notifications.services import SendReport, fail_if_refused


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


class Command(BaseCommand):
    help = (
        f"Record a reminder to the owner agency for each open MARAC or MATAC action due within "
        f"{REMINDER_DAYS_BEFORE_DUE} days, and an escalation to the coordinator and the owner agency for each overdue "
        "one; e-mail each to the agency's point of contact or the coordinator mailbox; print what was recorded. Safe "
        "to run repeatedly."
    )

    def handle(self, *args, **options) -> None:
        recorded = action_notices_send()
        matac = matac_action_notices_send()
        emails = SendReport().add(recorded.emails).add(matac.emails)
        if not recorded and not matac:
            self.stdout.write("No new action notices.")
            if not emails.is_empty:
                self.stdout.write(f"Action e-mails caught up: {emails.summary()}.")
            fail_if_refused(emails)
            return
        # Agencies and dates only: an action's text may name people, and this output goes to a log file.
        for notice in recorded:
            addressee = notice.agency if notice.agency else f"the coordinator of {notice.action.case.locality}"
            self.stdout.write(
                f"{notice.get_kind_display()}: action {notice.action_id} of {notice.action.owner_agency}, "
                f"due {notice.due_date:%d %B %Y}, to {addressee}."
            )
        for notice in matac:
            addressee = notice.agency if notice.agency else f"the coordinator of {notice.action.nomination.locality}"
            self.stdout.write(
                f"MATAC {notice.get_kind_display().lower()}: MATAC action {notice.action_id} of "
                f"{notice.action.owner_agency}, due {notice.due_date:%d %B %Y}, to {addressee}."
            )
        if recorded:
            self.stdout.write(self.style.SUCCESS(f"Recorded {len(recorded)} action notice{_plural(len(recorded))}."))
        if matac:
            self.stdout.write(self.style.SUCCESS(f"Recorded {len(matac)} MATAC action notice{_plural(len(matac))}."))
        self.stdout.write(f"Action e-mails: {emails.summary()}.")
        fail_if_refused(emails)
