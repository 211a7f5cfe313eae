"""A second run of the retention command changes nothing and writes no audit event."""

import pytest

from marac.audit.models import AuditEvent
from marac.people.tests.factories import case_with_everything, years_ago
from marac.people.tests.retention_helpers import everything_in_database, run_retention
from marac.referrals.models import CaseStatus


@pytest.mark.django_db
def test_a_second_run_changes_nothing(locale):
    case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7))
    first = run_retention()
    assert "Anonymised 1 case." in first
    state = everything_in_database()
    events = AuditEvent.objects.count()

    second = run_retention()

    assert everything_in_database() == state
    assert AuditEvent.objects.count() == events
    assert "nothing has passed its retention period" in second
    assert "Anonymised 0 cases." in second


@pytest.mark.django_db
def test_a_run_with_nothing_expired_writes_nothing(locale):
    case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(5))
    state = everything_in_database()
    events = AuditEvent.objects.count()
    run_retention()
    assert everything_in_database() == state
    assert AuditEvent.objects.count() == events
