"""Send the release and escape notices not sent yet: `python manage.py release_notices`. Recording a release sends
them itself; this catches those the mail server refused, or that had no address until now. Run it hourly from the
scheduler; running it again sends nothing twice."""

from django.core.management.base import BaseCommand

from marac.notifications.services import fail_if_refused
from marac.rights.notices import EMAIL_CATCH_UP_DAYS, release_notices_email


class Command(BaseCommand):
    help = (
        "E-mail the IDVA service (or, without one, the coordinator mailbox) of each victim who asked to be told of a "
        f"release or escape recorded in the last {EMAIL_CATCH_UP_DAYS} days and is still to be told, once per "
        "notification and mailbox. Safe to run repeatedly."
    )

    def handle(self, *args, **options) -> None:
        report = release_notices_email()
        # Counts and agency names only: the log is no place for case information.
        self.stdout.write(f"Release and escape notices: {report.summary()}.")
        fail_if_refused(report)
