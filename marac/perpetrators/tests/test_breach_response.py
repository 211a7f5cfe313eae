"""The response to a breach: recorded once, by the police, the order's owner or the coordinator; "no action" needs
a reason; its timeliness is the time from the report to the response, shown with the case."""

import datetime as dt
import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.access.tests.world import build_world
from marac.audit.models import AuditAction, AuditEvent
from marac.perpetrators.breach_services import ResponseInput, breach_respond
from marac.perpetrators.models import BreachResponse, ResponseKind
from marac.perpetrators.tests.factories import breach_of, order_on

pytestmark = pytest.mark.django_db

REPORTED = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(days=3)


@pytest.fixture
def world(locale):
    return build_world(locale)


@pytest.fixture
def breach(locale, world):
    """Housing owns the order (it applied for the injunction); housing reported the breach three days ago."""
    order = order_on(world.case, owner=locale.housing)
    return breach_of(order, agency=locale.housing, reported_at=REPORTED)


def _input(**overrides) -> ResponseInput:
    values = {"kind": ResponseKind.ARREST, "responded_at": REPORTED + dt.timedelta(hours=5, minutes=30)}
    values.update(overrides)
    return ResponseInput(**values)


@pytest.mark.parametrize("persona", ["police_rep", "housing_rep", "coordinator"])
def test_the_police_the_owner_or_the_coordinator_respond(locale, breach, persona):
    response = breach_respond(actor=locale.actor(persona), breach=breach, data=_input())
    assert response.agency == locale.memberships[persona].agency
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="perpetrators.breachresponse")
    assert event.detail["hours_from_report"] == 5.5
    assert event.case_id == breach.order.case_id


@pytest.mark.parametrize("persona", ["idva", "health_rep", "chair", "police_referrer"])
def test_nobody_else_responds(locale, breach, persona):
    with pytest.raises(PermissionDenied):
        breach_respond(actor=locale.actor(persona), breach=breach, data=_input())
    assert not BreachResponse.objects.exists()


def test_a_police_rep_who_cannot_see_the_breach_cannot_respond_to_it(locale, other_locale, breach):
    with pytest.raises(PermissionDenied):
        breach_respond(actor=other_locale.actor("police_rep"), breach=breach, data=_input())
    client = other_locale.client("police_rep")
    assert client.get(reverse("perpetrators:breach_respond", args=[breach.pk])).status_code == 404


def test_no_action_needs_a_reason(locale, breach):
    with pytest.raises(ValidationError) as error:
        breach_respond(actor=locale.actor("police_rep"), breach=breach, data=_input(kind=ResponseKind.NO_ACTION))
    assert error.value.message_dict["reason"] == ["Say why no action was taken."]
    response = breach_respond(
        actor=locale.actor("police_rep"),
        breach=breach,
        data=_input(kind=ResponseKind.NO_ACTION, reason="She asked for words of advice only; he has left the area."),
    )
    assert response.reason.startswith("She asked")


@pytest.mark.parametrize(
    ("responded_at", "message"),
    [
        (None, "Enter the date and time of the response."),
        (REPORTED - dt.timedelta(minutes=1), "cannot come before the breach was reported"),
        (timezone.now() + dt.timedelta(hours=1), "cannot be in the future"),
    ],
)
def test_the_response_time_must_make_sense(locale, breach, responded_at, message):
    with pytest.raises(ValidationError) as error:
        breach_respond(actor=locale.actor("police_rep"), breach=breach, data=_input(responded_at=responded_at))
    assert message in error.value.message_dict["responded_at"][0]


def test_a_breach_has_one_response(locale, breach):
    breach_respond(actor=locale.actor("police_rep"), breach=breach, data=_input())
    with pytest.raises(ValidationError, match="already been recorded"):
        breach_respond(actor=locale.actor("coordinator"), breach=breach, data=_input(kind=ResponseKind.CHARGE))
    assert BreachResponse.objects.get().kind == ResponseKind.ARREST


def test_the_page_records_the_response_and_the_case_shows_its_timeliness(locale, world, breach):
    client = locale.client("police_rep")
    responded = timezone.localtime(REPORTED + dt.timedelta(hours=30, minutes=15))
    response = client.post(
        reverse("perpetrators:breach_respond", args=[breach.pk]),
        {
            "kind": ResponseKind.RETURN_TO_COURT,
            "responded_at": responded.date().isoformat(),
            "responded_time": responded.strftime("%H:%M"),
            "reason": "",
        },
    )
    assert response.status_code == 302
    assert BreachResponse.objects.get().responded_at == responded
    # 30 h 15 min after the report: past the default 24-hour target.
    text = html.unescape(client.get(reverse("referrals:case_detail", args=[world.case.pk])).content.decode())
    assert "Return to court" in text and "1 day 6 h" in text and "Over 24 h" in text


def test_the_page_links_the_missing_reason_to_its_field(locale, breach):
    responded = timezone.localtime(REPORTED + dt.timedelta(hours=2))
    response = locale.client("coordinator").post(
        reverse("perpetrators:breach_respond", args=[breach.pk]),
        {
            "kind": ResponseKind.NO_ACTION,
            "responded_at": responded.date().isoformat(),
            "responded_time": responded.strftime("%H:%M"),
            "reason": " ",
        },
    )
    text = html.unescape(response.content.decode())
    assert '<a href="#id_reason">Say why no action was taken.</a>' in text
    assert not BreachResponse.objects.exists()
