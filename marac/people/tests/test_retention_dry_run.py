"""`--dry-run` lists what would be anonymised, and held, and changes nothing."""

import pytest
from django.utils import timezone

from marac.audit.models import AuditEvent
from marac.people.tests.factories import case_with_everything, years_ago
from marac.people.tests.retention_helpers import everything_in_database, run_retention
from marac.referrals.models import CaseStatus, LegalHold
from marac.testing.factories import PersonFactory


@pytest.mark.django_db
def test_the_dry_run_lists_and_changes_nothing(locale):
    expired = case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7), reference="RIV-2019-0001")
    held = case_with_everything(
        locale,
        status=CaseStatus.CLOSED,
        closed_at=years_ago(8),
        reference="RIV-2018-0007",
        victim=PersonFactory(locality=locale.locality, given_name="Beatrix", family_name="Norland"),
        perpetrator=PersonFactory(locality=locale.locality, given_name="Colin", family_name="Marsh"),
    )
    LegalHold.objects.create(
        case=held.case, reason="Inquiry", placed_by=locale.memberships["coordinator"].user, placed_at=timezone.now()
    )
    state = everything_in_database()
    events = AuditEvent.objects.count()

    output = run_retention("--dry-run")

    assert everything_in_database() == state
    assert AuditEvent.objects.count() == events
    assert "1 case would be anonymised, 1 on legal hold; 3 people would be anonymised" in output
    assert "RIV-2019-0001: closed or transferred since" in output
    assert "RIV-2018-0007: held" in output
    assert "Dry run: nothing was changed." in output
    assert "Amara" not in output and "Okafor" not in output, "references only, never names"

    # What the dry run listed is what a real run then does.
    run_retention()
    expired.case.refresh_from_db()
    held.case.refresh_from_db()
    assert expired.case.erased_at is not None and held.case.erased_at is None
