from django.core.management.base import BaseCommand
from django.utils import timezone

from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.incidents.retention import bad_rows_files_empty, expired_incidents, incidents_expire
from marac.people.retention import RetentionPlan, RetentionRule, retention_apply, retention_plan

RULE_WORDS = {
    RetentionRule.CLOSED_CASE: "closed or transferred",
    RetentionRule.DECLINED_REFERRAL: "only referrals declined",
}


class Command(BaseCommand):
    help = (
        "Anonymise the cases whose retention period has passed, in every locality: one audit event per case. "
        "Cases on legal hold are reported and left whole. Safe to run again: a second run changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List what would be anonymised; change nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        now = timezone.now()
        # The schedule itself acts: events name no user, and their purpose says why.
        actor = Actor(user=None, membership=None)
        total = 0
        for locality in Locality.objects.order_by("name"):
            plan = retention_plan(locality=locality, now=now)
            if plan.is_empty:
                self.stdout.write(f"{locality}: nothing has passed its retention period.")
                continue
            self._describe(plan, dry_run=dry_run)
            if dry_run:
                continue
            for erasure in retention_apply(actor=actor, plan=plan):
                total += 1
                self.stdout.write(
                    f"  Anonymised {erasure.case.reference}: {len(erasure.people_anonymised)} "
                    f"{'person' if len(erasure.people_anonymised) == 1 else 'people'} anonymised, "
                    f"{len(erasure.people_kept)} kept for other cases."
                )
        # Incidents after cases: a case anonymised above may have been what kept its victim's incidents.
        for locality in Locality.objects.order_by("name"):
            self._expire_incidents(locality, actor=actor, now=now, dry_run=dry_run)
        if not dry_run and (emptied := bad_rows_files_empty(actor=actor, now=now)):
            self.stdout.write(f"Emptied the bad-rows files of {len(emptied)} incident imports.")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        else:
            self.stdout.write(f"Anonymised {total} case{'' if total == 1 else 's'}.")

    def _expire_incidents(self, locality: Locality, *, actor: Actor, now, dry_run: bool) -> None:
        if dry_run:
            count = expired_incidents(locality=locality, now=now).count()
            if count:
                self.stdout.write(f"{locality}: {count} incident{'' if count == 1 else 's'} would be deleted.")
            return
        expiry = incidents_expire(actor=actor, locality=locality, now=now)
        if expiry is not None:
            deleted = expiry.incidents_deleted
            self.stdout.write(
                f"{locality}: deleted {deleted} incident{'' if deleted == 1 else 's'} past their retention period; "
                f"{len(expiry.people_anonymised)} people anonymised."
            )

    def _describe(self, plan: RetentionPlan, *, dry_run: bool) -> None:
        locality = plan.locality
        verb = "would be" if dry_run else "to be"
        self.stdout.write(
            f"{locality}: {len(plan.cases)} case{'' if len(plan.cases) == 1 else 's'} {verb} anonymised, "
            f"{len(plan.held)} on legal hold; {len(plan.people_to_anonymise)} people {verb} anonymised, "
            f"{len(plan.people_kept)} kept because they are linked to a case that stays."
        )
        for case in plan.cases:
            years = (
                locality.retention_years_declined_referral
                if case.rule == RetentionRule.DECLINED_REFERRAL
                else locality.retention_years_closed_case
            )
            self.stdout.write(
                f"  {case.reference}: {RULE_WORDS[case.rule]} since "
                f"{timezone.localtime(case.clock_started):%d %b %Y} (retention {years} years)"
            )
        for case in plan.held:
            self.stdout.write(
                f"  {case.reference}: held – {RULE_WORDS[case.rule]} since "
                f"{timezone.localtime(case.clock_started):%d %b %Y}, but a legal hold is in force"
            )
