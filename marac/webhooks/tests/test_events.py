"""Each event writes a delivery for a subscribed client that may see its record, and none for one that may not; the
delivery is written in the change's own transaction, with ids and the API address only."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from marac.actions.followup import action_notices_send
from marac.actions.services import action_create
from marac.actions.tests.factories import ActionFactory
from marac.agencies.models import Role
from marac.incidents.rules import incidents_evaluate
from marac.incidents.tests.helpers import incidents_of, scene
from marac.referrals.models import Referral
from marac.referrals.tests.factories import refer
from marac.webhooks.models import WebhookDelivery, WebhookEvent
from marac.webhooks.tests.helpers import subscribed

pytestmark = pytest.mark.django_db

ALL_EVENTS = list(WebhookEvent.values)


def deliveries_of(created) -> list[tuple[str, dict]]:
    return [
        (delivery.event, delivery.payload["data"])
        for delivery in WebhookDelivery.objects.filter(subscription=created.subscription).order_by("pk")
    ]


def test_a_referral_is_told_to_its_agencys_system_and_not_to_another_agencys(locale):
    police = subscribed(locale.police, Role.REFERRER, ALL_EVENTS)
    housing = subscribed(locale.housing, Role.AGENCY_REP, ALL_EVENTS)
    outcome = refer(locale, "police_referrer")
    referral, case = outcome.referral, outcome.case
    assert deliveries_of(police) == [
        (
            "referral.received",
            {
                "referral": referral.pk,
                "case": case.pk,
                "url": f"https://marac.example/api/v1/referrals/{referral.pk}/",
            },
        )
    ]
    assert deliveries_of(housing) == []


def test_the_payload_is_thin(locale):
    police = subscribed(locale.police, Role.REFERRER, ["referral.received"])
    referral = refer(locale, "police_referrer").referral
    payload = WebhookDelivery.objects.get(subscription=police.subscription).payload
    assert sorted(payload) == ["data", "event", "occurred_at"]
    assert payload["event"] == "referral.received"
    assert dt.datetime.fromisoformat(payload["occurred_at"]) == referral.referred_at
    text = str(payload)
    for detail in ("Zoë", "O'Neill", "Dale", "Brack", referral.case.reference):
        assert detail not in text


def test_a_client_gets_only_the_events_it_subscribed_to(locale):
    coordinator = subscribed(locale.idva_service, Role.COORDINATOR, ["action.assigned"])
    refer(locale, "police_referrer")
    assert deliveries_of(coordinator) == []


def test_a_repeat_referral_is_told_to_whoever_may_read_the_case(locale, other_locale):
    coordinator = subscribed(locale.idva_service, Role.COORDINATOR, ["repeat.detected"])
    housing = subscribed(locale.housing, Role.AGENCY_REP, ["repeat.detected"])
    elsewhere = subscribed(other_locale.idva_service, Role.COORDINATOR, ["repeat.detected"])
    first = refer(locale, "police_referrer")
    assert deliveries_of(coordinator) == []
    repeat = refer(locale, "police_referrer").referral
    assert repeat.is_repeat
    assert deliveries_of(coordinator) == [
        (
            "repeat.detected",
            {
                "referral": repeat.pk,
                "previous_referral": first.referral.pk,
                "case": first.case.pk,
                "url": f"https://marac.example/api/v1/cases/{first.case.pk}/",
            },
        )
    ]
    assert deliveries_of(housing) == []
    assert deliveries_of(elsewhere) == []


def test_the_repeat_rule_tells_of_the_referral_it_makes(locale):
    coordinator = subscribed(locale.idva_service, Role.COORDINATOR, ALL_EVENTS)
    health = subscribed(locale.health, Role.AGENCY_REP, ALL_EVENTS)
    s = scene(locale)
    incident = s.incident()
    incidents_evaluate(incidents=incidents_of(incident))
    repeat = Referral.objects.exclude(pk=s.referral.pk).get()
    assert [(event, data["referral"]) for event, data in deliveries_of(coordinator)] == [
        ("referral.received", repeat.pk),
        ("repeat.detected", repeat.pk),
    ]
    assert deliveries_of(health) == []
    # Evaluating the incident again makes no referral, so tells nothing more.
    incidents_evaluate(incidents=incidents_of(incident))
    assert len(deliveries_of(coordinator)) == 2


def test_an_action_is_told_to_its_owner_agency_and_not_to_another(locale, item):
    housing = subscribed(locale.housing, Role.AGENCY_REP, ["action.assigned"])
    health = subscribed(locale.health, Role.AGENCY_REP, ["action.assigned"])
    action = action_create(
        actor=locale.actor("chair"),
        case=item.case,
        owner_agency=locale.housing,
        text="Check the locks were changed",
        due_date=timezone.localdate() + dt.timedelta(days=7),
        agenda_item=item,
    )
    assert deliveries_of(housing) == [
        (
            "action.assigned",
            {
                "action": action.pk,
                "case": item.case.pk,
                "url": f"https://marac.example/api/v1/actions/{action.pk}/",
            },
        )
    ]
    assert deliveries_of(health) == []


def test_an_overdue_action_is_told_once(locale):
    housing = subscribed(locale.housing, Role.AGENCY_REP, ["action.overdue"])
    police = subscribed(locale.police, Role.AGENCY_REP, ["action.overdue"])
    late = ActionFactory(
        case__locality=locale.locality,
        owner_agency=locale.housing,
        due_date=timezone.localdate() - dt.timedelta(days=2),
    )
    ActionFactory(case=late.case, owner_agency=locale.housing, due_date=timezone.localdate() + dt.timedelta(days=1))
    action_notices_send()
    action_notices_send()
    assert deliveries_of(housing) == [
        (
            "action.overdue",
            {"action": late.pk, "case": late.case_id, "url": f"https://marac.example/api/v1/actions/{late.pk}/"},
        )
    ]
    assert deliveries_of(police) == []


def test_a_change_rolled_back_leaves_no_delivery(locale, item):
    subscribed(locale.housing, Role.AGENCY_REP, ["action.assigned"])
    with pytest.raises(RuntimeError), transaction.atomic():
        action_create(
            actor=locale.actor("chair"),
            case=item.case,
            owner_agency=locale.housing,
            text="Check the locks were changed",
            due_date=timezone.localdate() + dt.timedelta(days=7),
            agenda_item=item,
        )
        assert WebhookDelivery.objects.count() == 1
        raise RuntimeError("the rest of the change failed")
    assert WebhookDelivery.objects.count() == 0


def test_a_disabled_subscription_or_a_deactivated_client_is_told_nothing(locale):
    disabled = subscribed(locale.police, Role.REFERRER, ["referral.received"])
    disabled.subscription.is_active = False
    disabled.subscription.save()
    stopped = subscribed(locale.police, Role.REFERRER, ["referral.received"])
    membership = stopped.subscription.client.membership
    membership.is_active = False
    membership.save()
    refer(locale, "police_referrer")
    assert WebhookDelivery.objects.count() == 0
