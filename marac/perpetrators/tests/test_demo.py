"""The demo's orders, breaches and programme: built after the cases' risk, consistent with what the services keep,
and shown on the pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.access.actor import SESSION_MEMBERSHIP_KEY
from marac.accounts.testing import verified_client
from marac.agencies.models import Membership, Role
from marac.demo import builder
from marac.incidents.models import IncidentType
from marac.perpetrators.models import Breach, Order, ProgrammeReferral, ResponseKind
from marac.perpetrators.selectors import breach_report
from marac.testing.factories import actor_for


@pytest.fixture
def demo(db):
    return builder.demo_build()


def test_the_demo_has_orders_breaches_of_different_speeds_and_a_programme(demo):
    assert (demo["orders"], demo["breaches"], demo["programme_referrals"]) == (4, 5, 1)
    today = timezone.localdate()
    ends = sorted((order.ends_on - today).days for order in Order.objects.exclude(ends_on=None))
    assert ends[0] <= 7  # one order ends within the owner's alert window
    assert Order.objects.filter(ends_on=None, electronic_monitoring=True).exists()
    for breach in Breach.objects.select_related("incident", "review_trigger", "order__case"):
        assert breach.incident.incident_type == IncidentType.BREACH
        assert breach.incident.victim_id == breach.order.case.victim_id
        assert breach.review_trigger.case_id == breach.order.case_id
        assert breach.order.in_force_on(timezone.localdate(breach.occurred_at))
    delays = [b.response.responded_at - b.reported_at for b in Breach.objects.exclude(response=None)]
    assert min(delays) < dt.timedelta(hours=2) and max(delays) > dt.timedelta(hours=24)
    # One awaits a response in the current story, one in the year of past meetings (demo/builder/history.py).
    assert Breach.objects.filter(response=None).count() == 2
    assert set(Breach.objects.exclude(response=None).values_list("response__kind", flat=True)) >= {
        ResponseKind.ARREST,
        ResponseKind.NO_ACTION,
    }
    programme = ProgrammeReferral.objects.get()
    assert (programme.sessions_attended, programme.sessions_expected, programme.updates.count()) == (9, 24, 3)


def test_the_demo_pages_show_them(demo):
    coordinator = Membership.objects.get(role=Role.COORDINATOR, user__username="coordinator")
    client = verified_client(coordinator.user)
    session = client.session
    session[SESSION_MEMBERSHIP_KEY] = coordinator.pk
    session.save()
    order = Order.objects.get(order_type="restraining_order")
    assert client.get(reverse("perpetrators:detail", args=[order.perpetrator_id])).status_code == 200
    assert client.get(reverse("referrals:case_detail", args=[order.case_id])).status_code == 200
    assert client.get(reverse("perpetrators:breach_report")).status_code == 200
    report, _table = breach_report(actor=actor_for(coordinator), since=None)
    assert report.total == 5 + 6 and report.awaiting == 2  # the current story's breaches and the past year's
