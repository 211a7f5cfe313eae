"""Not referring back needs a reason; the reason is kept, audited, and read by the coordinator."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.duties.models import Duty, DutyStatus
from marac.duties.services import duty_decline
from marac.duties.tests.factories import duty_on
from marac.duties.tests.helpers import known_case, text_of
from marac.referrals.models import Referral

pytestmark = pytest.mark.django_db

REASON = "The disclosure was about the incident the police referred last week; nothing new."


def test_declining_needs_a_reason(locale):
    s = known_case(locale)
    duty = duty_on(s.case, agency=locale.housing)
    response = locale.client("housing_rep").post(reverse("duties:decline", args=[duty.pk]), {"reason": "  "})
    assert response.status_code == 200
    assert "Say why your agency does not refer the case back." in text_of(response)
    with pytest.raises(ValidationError):
        duty_decline(actor=locale.actor("housing_rep"), duty=duty, reason="")
    assert Duty.objects.get().status == DutyStatus.OPEN
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="duties.duty").exists()


def test_the_reason_is_kept_audited_and_shown_to_the_coordinator(locale):
    s = known_case(locale)
    duty = duty_on(s.case, agency=locale.housing, due_in_hours=-2)
    response = locale.client("housing_rep").post(reverse("duties:decline", args=[duty.pk]), {"reason": REASON})
    assert response.status_code == 302 and response.url == reverse("duties:ours")
    duty.refresh_from_db()
    assert duty.status == DutyStatus.DECLINED and duty.decline_reason == REASON
    assert duty.answered_by == locale.memberships["housing_rep"].user and duty.referral is None
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="duties.duty")
    assert event.case_id == s.case.pk and event.actor == locale.memberships["housing_rep"].user
    assert event.detail == {"event_kind": "disclosure", "late": True}
    assert Referral.objects.count() == 1

    coordinator = locale.client("coordinator")
    assert "No duty is unmet." in text_of(coordinator.get(reverse("duties:monitor")))
    declined = text_of(coordinator.get(reverse("duties:monitor") + "?show=declined"))
    assert REASON in declined and s.case.reference in declined
    assert REASON in text_of(coordinator.get(reverse("duties:detail", args=[duty.pk])))


def test_an_answered_duty_cannot_be_declined(locale):
    s = known_case(locale)
    duty = duty_on(s.case, agency=locale.housing)
    duty_decline(actor=locale.actor("housing_rep"), duty=duty, reason=REASON)
    with pytest.raises(ValidationError, match="already been answered"):
        duty_decline(actor=locale.actor("housing_rep"), duty=duty, reason="Another reason")
    assert Duty.objects.get().decline_reason == REASON
