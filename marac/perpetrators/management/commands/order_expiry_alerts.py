"""Tell agencies about orders that are about to end: `python manage.py order_expiry_alerts`. Run it daily from the
scheduler; running it again sends nothing twice."""

from django.core.management.base import BaseCommand

from marac.notifications.services import fail_if_refused
from marac.perpetrators.alerts import order_expiry_alerts


class Command(BaseCommand):
    help = (
        "E-mail the owner agency of each order ending within its locality's owner notice window, and earlier (within "
        "the IDVA notice window) the IDVA service of the protected victim's case, once per order and end date. "
        "Safe to run repeatedly."
    )

    def handle(self, *args, **options) -> None:
        report = order_expiry_alerts()
        # Counts and agency names only: the log is no place for case information.
        self.stdout.write(f"Order expiry alerts: {report.summary()}.")
        fail_if_refused(report)
