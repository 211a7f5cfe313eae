"""Recording an order: its type, conditions in words, start and an end that may be open, who made it and who owns
it; refused with a clear error on the field for bad input, and only by agencies that share the case."""

import datetime as dt
import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.access.tests.world import build_world
from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.tests.factories import perpetrator_of
from marac.perpetrators.models import Order, OrderCondition, OrderType
from marac.perpetrators.order_services import OrderInput, order_record
from marac.referrals.models import CaseParty, CaseStatus, PartyRole
from marac.testing.factories import AgencyFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(locale):
    return build_world(locale)


def _input(world, **overrides) -> OrderInput:
    today = timezone.localdate()
    values = {
        "order_type": OrderType.PROTECTION_ORDER,
        "perpetrator_id": perpetrator_of(world.case).pk,
        "issued_by": "Riverside Magistrates' Court",
        "owner_agency_id": world.referral.referring_agency_id,
        "starts_on": today,
        "ends_on": None,
        "conditions": ["Not to contact her, directly or indirectly.", "", "  Not to enter Willow Row.  "],
        "notification_requirements": True,
        "electronic_monitoring": True,
    }
    values.update(overrides)
    return OrderInput(**values)


def test_an_order_is_recorded_with_its_conditions_in_order_and_audited(locale, world):
    order = order_record(actor=locale.actor("idva"), case=world.case, data=_input(world))
    assert order.locality == locale.locality and order.case == world.case
    assert order.perpetrator == perpetrator_of(world.case)
    assert order.owner_agency == locale.police
    assert order.ends_on is None  # a protection order may have no end
    assert order.notification_requirements and order.electronic_monitoring
    assert list(order.conditions.values_list("position", "text")) == [
        (1, "Not to contact her, directly or indirectly."),
        (2, "Not to enter Willow Row."),
    ]
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="perpetrators.order")
    assert event.case_id == world.case.pk and event.detail["conditions"] == 2


def test_a_child_of_the_household_may_be_protected_too(locale, world):
    child = PersonFactory(locality=locale.locality, given_name="Mia")
    CaseParty.objects.create(case=world.case, person=child, role=PartyRole.CHILD)
    order = order_record(
        actor=locale.actor("coordinator"), case=world.case, data=_input(world, other_protected_ids=[child.pk])
    )
    assert list(order.other_protected.all()) == [child]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"order_type": "curfew"}, "order_type", "Choose the type of order."),
        ({"issued_by": "  "}, "issued_by", "Enter the court or police force that made the order."),
        ({"starts_on": None}, "starts_on", "Enter the date the order starts."),
        ({"conditions": ["", "  "]}, "conditions", "Enter the order's conditions, one per line"),
        (
            {"order_type": OrderType.PROTECTION_NOTICE, "ends_on": None},
            "ends_on",
            "Protection notice (police): this kind lasts a fixed time, enter its end date.",
        ),
        ({"ends_on": dt.date(2020, 1, 1), "starts_on": dt.date(2020, 2, 1)}, "ends_on", "cannot end before it starts"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_written(locale, world, overrides, field, message):
    with pytest.raises(ValidationError) as error:
        order_record(actor=locale.actor("coordinator"), case=world.case, data=_input(world, **overrides))
    assert message in " ".join(error.value.message_dict[field])
    assert not Order.objects.exists() and not OrderCondition.objects.exists()


def test_the_perpetrator_and_the_owner_must_belong_to_the_case_and_the_area(locale, other_locale, world):
    stranger = PersonFactory(locality=locale.locality)
    elsewhere = AgencyFactory(locality=other_locale.locality)
    with pytest.raises(ValidationError) as error:
        order_record(
            actor=locale.actor("coordinator"),
            case=world.case,
            data=_input(world, perpetrator_id=stranger.pk, owner_agency_id=elsewhere.pk),
        )
    assert set(error.value.message_dict) == {"perpetrator", "owner_agency"}


def test_only_agencies_sharing_the_case_record_orders(locale, world):
    for persona in ("health_rep", "social_care_rep", "police_referrer", "chair"):
        with pytest.raises(PermissionDenied):
            order_record(actor=locale.actor(persona), case=world.case, data=_input(world))


def test_a_transferred_case_takes_no_order(locale, world):
    world.case.status = CaseStatus.TRANSFERRED
    world.case.save()
    with pytest.raises(ValidationError, match="transferred"):
        order_record(actor=locale.actor("coordinator"), case=world.case, data=_input(world))


def _post(world, **overrides) -> dict:
    data = {
        "order_type": OrderType.BAIL_CONDITIONS,
        "perpetrator": str(perpetrator_of(world.case).pk),
        "issued_by": "Riverside Police",
        "reference": "RP/2026/1123",
        "owner_agency": str(world.referral.referring_agency_id),
        "starts_on": timezone.localdate().isoformat(),
        "ends_on": (timezone.localdate() + dt.timedelta(days=28)).isoformat(),
        "conditions": "Not to contact her.\nTo live and sleep at 3 Mill Lane, Eastbrook.",
    }
    data.update(overrides)
    return data


def test_the_page_records_an_order_and_shows_it(locale, world):
    client = locale.client("police_rep")
    url = reverse("perpetrators:order_new", args=[world.case.pk])
    response = client.post(url, _post(world))
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("perpetrators:order_detail", args=[order.pk])
    text = html.unescape(client.get(response["Location"]).content.decode())
    assert "Bail conditions" in text and "To live and sleep at 3 Mill Lane, Eastbrook." in text
    assert "RP/2026/1123" in text


@pytest.mark.parametrize(
    ("overrides", "link"),
    [
        # The form's own check
        ({"conditions": ""}, '<a href="#id_conditions">Enter the order\'s conditions'),
        # The service's rule, shown on the field it names
        (
            {"order_type": OrderType.EMERGENCY_BARRING_ORDER, "ends_on": ""},
            '<a href="#id_ends_on">Emergency barring order: this kind lasts a fixed time',
        ),
        ({"perpetrator": "999999"}, '<a href="#id_perpetrator">Select a valid choice.'),
    ],
)
def test_the_page_links_each_error_to_its_field(locale, world, overrides, link):
    url = reverse("perpetrators:order_new", args=[world.case.pk])
    response = locale.client("coordinator").post(url, _post(world, **overrides))
    text = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in text and link in text
    assert not Order.objects.exists()


def test_an_agency_not_offered_is_refused_and_audited(locale, other_locale, world):
    elsewhere = AgencyFactory(locality=other_locale.locality)
    url = reverse("perpetrators:order_new", args=[world.case.pk])
    response = locale.client("coordinator").post(url, _post(world, owner_agency=str(elsewhere.pk)))
    assert response.status_code == 200 and not Order.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, summary__startswith="Refused a choice").exists()
