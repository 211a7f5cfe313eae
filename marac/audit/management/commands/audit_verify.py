from django.core.management.base import BaseCommand, CommandError

from marac.audit.models import AuditEvent
from marac.audit.verify import first_break


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exits non-zero at the first altered, inserted or deleted event."

    def handle(self, *args, **options) -> None:
        broken = first_break()
        if broken is not None:
            raise CommandError(f"Audit event {broken.event_id} {broken.problem}.")
        self.stdout.write(f"Audit chain intact: {AuditEvent.objects.count()} events.")
