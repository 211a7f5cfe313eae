"""`python manage.py audit_verify [--expect HASH]`: check the audit trail's hash chain.

Prints the first altered, inserted or deleted event and exits with status 1; on an intact chain prints the number
of events and the last event's hash. Keep that hash somewhere else and pass it with `--expect` next time: the
check then also fails if the trail was cut short or rewritten from before that event on.
"""

from django.core.management.base import BaseCommand, CommandError

from marac.audit.models import AuditEvent
from marac.audit.verify import ChainBreak, walk


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exits non-zero at the first altered, inserted or deleted event."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--expect",
            metavar="HASH",
            help="The last hash a previous run printed: it must still be in the chain.",
        )

    def handle(self, *args, expect: str | None = None, **options) -> None:
        result = walk()
        if isinstance(result, ChainBreak):
            event = AuditEvent.objects.get(pk=result.event_id)
            described = f" ({event.occurred_at:%Y-%m-%d %H:%M:%S} {event.actor_username} {event.action})"
            raise CommandError(f"Audit event {result.event_id}{described} {result.problem}.")
        if expect and not AuditEvent.objects.filter(hash=expect.strip().lower()).exists():
            raise CommandError(
                f"The chain is consistent but no longer contains the event with hash {expect}: "
                "events were removed from its end, or it was rewritten."
            )
        if result.count == 0:
            self.stdout.write("Audit chain intact: no events yet.")
            return
        events = f"{result.count} event{'s' if result.count != 1 else ''}"
        self.stdout.write(
            f"Audit chain intact: {events}; the last, event {result.last_id}, has hash {result.last_hash}."
        )
