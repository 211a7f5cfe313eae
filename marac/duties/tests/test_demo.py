"""The demo's referral-back duties: the protocol's duties, one unmet, one waiting, one answered with a reason; and the
coordinator's and the agencies' pages show them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.access.actor import SESSION_MEMBERSHIP_KEY
from marac.accounts.testing import verified_client
from marac.agencies.models import Membership, Role
from marac.demo import builder
from marac.duties.models import Duty, DutyStatus, ProtocolDuty
from marac.duties.services import case_is_known
from marac.duties.tests.helpers import text_of


@pytest.fixture
def demo(db):
    return builder.demo_build()


def _client(username: str, role: str):
    membership = Membership.objects.get(role=role, user__username=username)
    client = verified_client(membership.user)
    session = client.session
    session[SESSION_MEMBERSHIP_KEY] = membership.pk
    session.save()
    return client


def test_the_demo_has_duties_in_each_state_on_known_cases(demo):
    now = timezone.now()
    assert demo["referral_back_duties"] == 3
    assert ProtocolDuty.objects.count() > 10
    duties = {duty.agency.name: duty for duty in Duty.objects.select_related("agency", "case__locality")}
    assert duties["Riverside Council Housing"].is_unmet(now)
    waiting = duties["Riverside General Hospital"]
    assert waiting.status == DutyStatus.OPEN and not waiting.is_unmet(now)
    assert duties["Riverside Children's Services"].status == DutyStatus.DECLINED
    for duty in duties.values():
        assert case_is_known(duty.case, event_at=duty.event_at, met_by=None)
        assert ProtocolDuty.objects.filter(
            locality=duty.locality, agency_type=duty.agency.agency_type, event_kind=duty.event_kind
        ).exists()


def test_the_demo_pages_show_them(demo):
    coordinator = _client("coordinator", Role.COORDINATOR)
    unmet = text_of(coordinator.get(reverse("duties:monitor")))
    assert "Riverside Council Housing" in unmet and "Unmet (1)" in unmet
    housing = text_of(_client("housing.rep", Role.AGENCY_REP).get(reverse("duties:ours")))
    assert Duty.objects.get(agency__name="Riverside Council Housing").case.reference in housing
    assert _client("locality.admin", Role.LOCALITY_ADMIN).get(reverse("duties:protocol")).status_code == 200
