"""The demo shows every state of a pathway referral, consistent with what the services keep."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from marac.accounts.testing import verified_client
from marac.agencies.models import Membership
from marac.demo import data
from marac.pathways.models import PathwayReferral, PathwayReferralStatus
from marac.pathways.routing import proposals_for, with_latest_assessment
from marac.referrals.models import CaseStatus, Referral


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return PathwayReferral.objects.filter(case__locality__name=data.LOCALITY_NAME)


def test_the_demo_shows_every_state_and_a_proposal_for_marac(demo):
    now = timezone.now()
    statuses = set(demo.values_list("status", flat=True))
    assert statuses == {PathwayReferralStatus.AWAITING, PathwayReferralStatus.ACCEPTED, PathwayReferralStatus.DECLINED}
    assert any(referral.response_overdue(now) for referral in demo)
    assert any(referral.feedback_overdue(now) for referral in demo)
    assert demo.filter(first_feedback_at__isnull=False).exists()
    referrals = list(with_latest_assessment(demo.select_related("case")))
    locality = referrals[0].case.locality
    proposals = proposals_for(referrals, locality=locality)
    assert sum(proposal.proposed for proposal in proposals.values()) == 1
    for referral in referrals:
        assert referral.assessment.case_id == referral.case_id
        assert referral.case.risk_level == referral.case.assessments.order_by("-assessed_at").first().final_level
        assert not Referral.objects.filter(case=referral.case).exists()
        assert referral.case.status == CaseStatus.ON_PATHWAY  # a pathway keeps it open; it is no MARAC case
        assert referral.sent_at <= now
        assert list(referral.events.values_list("occurred_at", flat=True)) == sorted(
            referral.events.values_list("occurred_at", flat=True)
        )


def test_the_demo_users_of_both_sides_see_them(demo):
    harbour = Membership.objects.get(user__username="harbour.idva").user
    page = verified_client(harbour).get(reverse("pathways:list"), {"direction": "received"}).content.decode()
    assert "Proposed for MARAC" in page and "Overdue" in page
