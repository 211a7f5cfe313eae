"""One audit event per anonymised case, naming the rule and the counts, and no personal details."""

import pytest

from marac.audit.models import AuditAction, AuditEvent
from marac.audit.verify import first_break
from marac.people.tests.factories import (
    CHILD_DETAILS,
    FREE_TEXT,
    PERPETRATOR_DETAILS,
    VICTIM_DETAILS,
    case_with_everything,
    years_ago,
)
from marac.people.tests.retention_helpers import as_text, run_retention
from marac.referrals.models import CaseStatus
from marac.testing.factories import PersonFactory


@pytest.mark.django_db
def test_each_anonymised_case_has_one_event_without_personal_details(locale):
    first = case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7))
    second = case_with_everything(
        locale,
        status=CaseStatus.TRANSFERRED,
        closed_at=years_ago(8),
        victim=PersonFactory(locality=locale.locality, given_name="Beatrix", family_name="Norland"),
        perpetrator=PersonFactory(locality=locale.locality, given_name="Colin", family_name="Marsh"),
    )
    latest = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()

    run_retention()

    events = list(AuditEvent.objects.filter(pk__gt=latest).order_by("pk"))
    assert sorted(event.case_id for event in events) == sorted([first.case.pk, second.case.pk])
    for event in events:
        assert event.action == AuditAction.UPDATE
        assert event.object_type == "referrals.case" and event.object_id == str(event.case_id)
        assert event.actor is None and event.actor_username == "system"
        assert event.summary == "Anonymised under the retention schedule"
        assert event.detail["retention"] == "closed_case" and event.detail["retention_years"] == 6
        assert event.detail["rows"]["referrals.referral"] == 1
        text = as_text([event.summary, event.detail])
        assert [
            detail for detail in VICTIM_DETAILS + PERPETRATOR_DETAILS + CHILD_DETAILS + FREE_TEXT if detail in text
        ] == []
    first_event = next(event for event in events if event.case_id == first.case.pk)
    assert sorted(first_event.detail["people_anonymised"]) == sorted(
        [first.victim.pk, first.perpetrator.pk, first.child.pk]
    )
    assert first_break() is None, "the audit chain still verifies"
