"""Tell each invited agency that the minutes of a closed meeting are ready: `python manage.py minutes_notices`.
Run it hourly from the scheduler (see docs/operations.md); running it again sends nothing twice."""

from django.core.management.base import BaseCommand

from marac.circulation.minutes import MINUTES_NOTICE_WINDOW_DAYS, minutes_notices_send
from marac.notifications.services import fail_if_refused


class Command(BaseCommand):
    help = (
        f"E-mail each invited agency's point of contact, once, a link to its version of the minutes of every "
        f"meeting closed in the last {MINUTES_NOTICE_WINDOW_DAYS} days. Safe to run repeatedly."
    )

    def handle(self, *args, **options) -> None:
        report = minutes_notices_send()
        self.stdout.write(f"Minutes notices: {report.summary()}.")
        fail_if_refused(report)
