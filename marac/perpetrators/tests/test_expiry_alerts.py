"""Expiry alerts: the owner agency within N days of an order's end, the victim's IDVA service earlier (M days);
each notice once, without personal data."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from marac.notifications.content import day
from marac.notifications.models import EmailNotice, NoticeKind
from marac.perpetrators.alerts import order_expiry_alerts
from marac.perpetrators.models import PerpetratorSettings
from marac.perpetrators.tests.factories import order_on
from marac.testing.factories import ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(locale):
    """Owner told within 7 days, IDVA service within 21. Orders end in 5, 15 and 30 days, had no end, or ended."""
    PerpetratorSettings.objects.create(locality=locale.locality, owner_notice_days=7, idva_notice_days=21)
    locale.locality.coordinator_email = "marac@riverside.example"
    locale.locality.save()
    locale.police.contact_email = "dv-orders@riverside-police.example"
    locale.police.save()
    locale.idva_service.contact_email = "idva@riverside-das.example"
    locale.idva_service.save()
    case = ReferralFactory(
        case__locality=locale.locality, case__idva_agency=locale.idva_service, referring_agency=locale.police
    ).case
    return {
        days: order_on(case, owner=locale.police, ends_in_days=days, starts_days_ago=60)
        for days in (5, 15, 30, None, -1)
    }


def _sent() -> list[tuple[str, str]]:
    return sorted((message.to[0], message.subject) for message in mail.outbox)


def test_the_owner_is_told_within_n_days_and_the_idva_service_within_m(locale, orders):
    report = order_expiry_alerts()
    soon, later = orders[5], orders[15]
    assert _sent() == sorted(
        [
            ("dv-orders@riverside-police.example", f"{locale.locality}: order {soon.pk} ends on {_day(soon)}"),
            ("idva@riverside-das.example", f"{locale.locality}: order {soon.pk} ends on {_day(soon)}"),
            ("idva@riverside-das.example", f"{locale.locality}: order {later.pk} ends on {_day(later)}"),
        ]
    )
    assert len(report.sent) == 3
    owner = next(m for m in mail.outbox if m.to == ["dv-orders@riverside-police.example"])
    assert "ends on" in owner.body and "in 5 days" in owner.body and "apply to extend it" in owner.body
    assert f"/perpetrators/orders/{soon.pk}/" in owner.body


def _day(order) -> str:
    return day(order.ends_on)


def test_running_again_sends_nothing_twice(locale, orders):
    order_expiry_alerts()
    report = order_expiry_alerts()
    assert report.is_empty and len(mail.outbox) == 3
    assert EmailNotice.objects.filter(kind=NoticeKind.ORDER_ENDING).count() == 3


def test_as_the_days_pass_each_window_opens_once(locale, orders):
    order_expiry_alerts()
    mail.outbox.clear()
    # Nine days on: the order ending in 15 days now ends in 6 (its owner's turn), the one ending in 30 in 21 (the
    # IDVA service's); the one ending in 5 days has ended.
    order_expiry_alerts(now=timezone.now() + dt.timedelta(days=9))
    assert _sent() == sorted(
        [
            (
                "dv-orders@riverside-police.example",
                f"{locale.locality}: order {orders[15].pk} ends on {_day(orders[15])}",
            ),
            ("idva@riverside-das.example", f"{locale.locality}: order {orders[30].pk} ends on {_day(orders[30])}"),
        ]
    )


def test_a_new_end_date_is_announced_again(locale, orders):
    order_expiry_alerts()
    mail.outbox.clear()
    order = orders[5]
    order.ends_on += dt.timedelta(days=1)
    order.save()
    order_expiry_alerts()
    assert len(mail.outbox) == 2 and all(f"order {order.pk} " in message.subject for message in mail.outbox)


def test_no_personal_data_in_the_e_mails(locale, orders):
    order_expiry_alerts()
    case = orders[5].case
    victim, perpetrator = case.victim, orders[5].perpetrator
    forbidden = [
        victim.given_name,
        victim.family_name,
        perpetrator.given_name,
        perpetrator.family_name,
        case.reference,
        victim.date_of_birth.strftime("%d/%m/%Y"),
        "Willow Row",  # the conditions name places
    ]
    for message in mail.outbox:
        for detail in forbidden:
            assert detail not in message.subject + message.body


def test_without_an_idva_service_the_coordinator_is_told(locale, orders):
    case = orders[5].case
    case.idva_agency = None
    case.save()
    order_expiry_alerts()
    to_coordinator = [m for m in mail.outbox if m.to == ["marac@riverside.example"]]
    assert len(to_coordinator) == 2
    assert "No IDVA service is allocated" in to_coordinator[0].body


def test_an_agency_without_an_address_is_told_once_it_has_one(locale, orders):
    locale.police.contact_email = ""
    locale.police.save()
    report = order_expiry_alerts()
    assert [record.agency for record in report.unsent] == [locale.police]
    locale.police.contact_email = "dv-orders@riverside-police.example"
    locale.police.save()
    mail.outbox.clear()
    order_expiry_alerts()
    assert [message.to[0] for message in mail.outbox] == ["dv-orders@riverside-police.example"]


def test_an_anonymised_case_is_not_announced(locale, orders):
    case = orders[5].case
    case.erased_at = timezone.now()
    case.save()
    order_expiry_alerts()
    assert mail.outbox == []


def test_the_command_reports_counts_only(locale, orders):
    out = io.StringIO()
    call_command("order_expiry_alerts", stdout=out)
    assert out.getvalue() == "Order expiry alerts: 3 e-mail notices sent.\n"
