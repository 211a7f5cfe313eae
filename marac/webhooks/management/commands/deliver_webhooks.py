"""Post the webhook deliveries that are due: `python manage.py deliver_webhooks`. Run it every minute from the
scheduler (docs/operations.md, docs/webhooks.md); a delivery is sent once, and retried with a growing wait until it
is answered with a 2xx or runs out of attempts."""

from django.core.management.base import BaseCommand, CommandParser

from marac.webhooks.delivery import deliveries_send


class Command(BaseCommand):
    help = "Post the webhook deliveries that are due, signed; retry failures later; print how many of each."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=1000, help="Post at most this many in one run.")

    def handle(self, *args, limit: int, **options) -> None:
        report = deliveries_send(limit=limit)
        # Numbers only: the receivers' answers stay in the deliveries, where the admin site shows them.
        self.stdout.write(f"Webhooks: {report.summary()}.")
