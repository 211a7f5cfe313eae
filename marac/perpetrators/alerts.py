"""Telling agencies that an order is about to end, so that nobody is caught out when the protection lapses.

Each locality sets two windows (`PerpetratorSettings`): within `owner_notice_days` of the end, the point of contact
of the agency that owns the order is told; earlier, within `idva_notice_days`, the IDVA service of the protected
victim's case (the coordinator mailbox when no IDVA service is allocated), so the victim's safety plan is ready
before the order ends. Each notice goes once per order and end date: running the command again sends nothing
twice, and an order whose end date changes is announced again. The e-mails say which order (its number and type),
whose it is and when it ends, with a link: never who it protects or is against.
"""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.notifications.content import Facts, choice_label, day, locality_facts, site_link
from marac.notifications.models import NoticeKind
from marac.notifications.services import Notice, SendReport, notices_send
from marac.perpetrators.config import perpetrator_settings
from marac.perpetrators.models import Order, PerpetratorSettings


def _facts(order: Order, *, today: dt.date, audience: str) -> Facts:
    return {
        **locality_facts(order.locality),
        "order_id": order.pk,
        "order_type": choice_label(order, "order_type"),
        "owner_agency": order.owner_agency.name,
        "end_day": day(order.ends_on),
        "days_left": (order.ends_on - today).days,
        "audience": audience,
        "link": site_link("perpetrators:order_detail", pk=order.pk),
    }


def _notices_for(order: Order, *, today: dt.date, settings: PerpetratorSettings) -> list[Notice]:
    days_left = (order.ends_on - today).days
    stamp = order.ends_on.isoformat()
    notices = []
    if days_left <= settings.owner_notice_days:
        notices.append(
            Notice(
                kind=NoticeKind.ORDER_ENDING,
                key=f"order-ending:{order.pk}:{stamp}:owner:{order.owner_agency_id}",
                locality=order.locality,
                agency=order.owner_agency,
                facts=_facts(order, today=today, audience="owner"),
                case=order.case,
            )
        )
    if days_left <= settings.idva_notice_days:
        idva_agency = order.case.idva_agency
        notices.append(
            Notice(
                kind=NoticeKind.ORDER_ENDING,
                key=f"order-ending:{order.pk}:{stamp}:idva:{idva_agency.pk if idva_agency else 'coordinator'}",
                locality=order.locality,
                agency=idva_agency,
                facts=_facts(order, today=today, audience="idva" if idva_agency else "coordinator"),
                case=order.case,
            )
        )
    return notices


def orders_ending(*, locality: Locality, today: dt.date, days: int) -> QuerySet[Order]:
    """The locality's orders that end between today and `days` days from now, on cases not anonymised."""
    return (
        Order.objects.filter(
            locality=locality,
            ends_on__gte=today,
            ends_on__lte=today + dt.timedelta(days=days),
            case__erased_at__isnull=True,
        )
        .select_related("locality", "owner_agency", "case__idva_agency")
        .order_by("ends_on", "pk")
    )


def order_expiry_alerts(*, now: dt.datetime | None = None) -> SendReport:
    """Send every notice due today, once each (see the module's rules)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    actor = Actor(user=None, membership=None)
    report = SendReport()
    localities = Locality.objects.filter(perpetrator_orders__ends_on__gte=today).distinct().order_by("pk")
    for locality in localities:
        settings = perpetrator_settings(locality)
        window = max(settings.owner_notice_days, settings.idva_notice_days)
        notices = [
            notice
            for order in orders_ending(locality=locality, today=today, days=window)
            for notice in _notices_for(order, today=today, settings=settings)
        ]
        report.add(notices_send(actor=actor, notices=notices, now=now))
    return report
