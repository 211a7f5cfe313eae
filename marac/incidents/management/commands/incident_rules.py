import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from marac.agencies.models import Locality
from marac.incidents.models import Incident
from marac.incidents.rules import flags_resolve_referred, incidents_evaluate, repeat_notices_email
from marac.notifications.services import fail_if_refused


class Command(BaseCommand):
    help = (
        "Apply the repeat and escalation rules to the incidents recorded in the last days, resolve the flags of "
        "people referred since, and e-mail repeat-referral notices not yet sent. Safe to run again: nothing is "
        "made or sent twice. Entry and import apply the rules themselves; this catches what they could not finish "
        "(a mail server that refused, a flag whose person was referred since)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=7, help="Incidents recorded in this many days (default 7).")

    def handle(self, *args, days: int = 7, **options) -> None:
        now = timezone.now()
        recent = Incident.objects.filter(recorded_at__gte=now - dt.timedelta(days=days))
        outcome = incidents_evaluate(incidents=recent, now=now)
        emails = outcome.emails.add(repeat_notices_email(now=now))
        # People referred since their flag was raised, in localities with no recent incident too.
        for locality in Locality.objects.filter(referral_flags__resolved_at__isnull=True).distinct().order_by("pk"):
            outcome.flags_resolved += flags_resolve_referred(locality=locality, now=now)
        self.stdout.write(
            f"{len(outcome.referrals_created)} repeat referrals made, {len(outcome.referrals_extended)} extended; "
            f"{len(outcome.flags_raised)} people flagged, {len(outcome.flags_extended)} flags extended, "
            f"{len(outcome.flags_resolved)} resolved as referred; {emails.summary()}."
        )
        fail_if_refused(emails)
