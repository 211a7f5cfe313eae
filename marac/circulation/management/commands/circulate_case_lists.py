"""Circulate the case lists whose lead time has come, and tell the invited agencies by e-mail:
`python manage.py circulate_case_lists`. Run it every 15 minutes from the scheduler (see docs/operations.md);
running it again sends nothing twice."""

from django.core.management.base import BaseCommand

from marac.circulation.services import circulate_due
from marac.notifications.services import fail_if_refused


class Command(BaseCommand):
    help = (
        "Circulate every scheduled meeting's case list at its locality's lead time (an emergency meeting's as soon "
        "as it has a case), and e-mail each invited agency's point of contact about a new or changed case list. "
        "Safe to run repeatedly."
    )

    def handle(self, *args, **options) -> None:
        run = circulate_due()
        # Meetings and counts only: the log is no place for case information.
        meetings = "".join(f" ({meeting.locality}, {meeting})" for meeting in run.circulated)
        plural = "" if len(run.circulated) == 1 else "s"
        self.stdout.write(f"{len(run.circulated)} case list{plural} circulated{meetings}; {run.notices.summary()}.")
        fail_if_refused(run.notices)
