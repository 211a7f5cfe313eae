"""Orders, breaches, responses and programmes for tests, written directly (the services have their own tests)."""

import datetime as dt

from django.utils import timezone

from marac.agencies.models import Agency, AgencyType
from marac.incidents.tests.factories import perpetrator_of
from marac.perpetrators.models import (
    Breach,
    BreachResponse,
    Order,
    OrderCondition,
    OrderType,
    ProgrammeReferral,
    ResponseKind,
)
from marac.referrals.models import Case
from marac.testing.factories import AgencyFactory, UserFactory

CONDITIONS = (
    "Not to contact her, directly or through anyone else.",
    "Not to go within 100 metres of 14 Willow Row.",
)


def order_on(
    case: Case,
    *,
    owner: Agency,
    perpetrator=None,
    order_type: str = OrderType.RESTRAINING_ORDER,
    starts_days_ago: int = 30,
    ends_in_days: int | None = 150,
    conditions: tuple[str, ...] = CONDITIONS,
    **fields,
) -> Order:
    today = timezone.localdate()
    order = Order.objects.create(
        locality=case.locality,
        case=case,
        perpetrator=perpetrator or perpetrator_of(case),
        order_type=order_type,
        issued_by="Riverside Magistrates' Court",
        owner_agency=owner,
        starts_on=today - dt.timedelta(days=starts_days_ago),
        ends_on=None if ends_in_days is None else today + dt.timedelta(days=ends_in_days),
        recorded_by=fields.pop("recorded_by", None) or UserFactory(),
        recorded_at=timezone.now() - dt.timedelta(days=starts_days_ago),
        **fields,
    )
    OrderCondition.objects.bulk_create(
        [OrderCondition(order=order, position=index, text=text) for index, text in enumerate(conditions, 1)]
    )
    return order


def breach_of(
    order: Order,
    *,
    agency: Agency,
    reported_at: dt.datetime | None = None,
    occurred_hours_before_report: float = 2,
    description: str = "Waited outside her work and followed her to the bus stop.",
    condition=None,
) -> Breach:
    reported_at = reported_at or timezone.now() - dt.timedelta(days=2)
    return Breach.objects.create(
        order=order,
        condition=condition,
        occurred_at=reported_at - dt.timedelta(hours=occurred_hours_before_report),
        reported_at=reported_at,
        reporting_agency=agency,
        description=description,
        recorded_by=UserFactory(),
        recorded_at=reported_at,
    )


def respond(
    breach: Breach, *, agency: Agency, hours: float, kind: str = ResponseKind.ARREST, reason: str = ""
) -> BreachResponse:
    """The response `hours` after the breach was reported."""
    return BreachResponse.objects.create(
        breach=breach,
        kind=kind,
        reason=reason or ("No evidence beyond her account; words of advice given." if kind == "no_action" else ""),
        responded_at=breach.reported_at + dt.timedelta(hours=hours),
        agency=agency,
        recorded_by=UserFactory(),
        recorded_at=breach.reported_at + dt.timedelta(hours=hours),
    )


def programme_for(case: Case, *, agency: Agency, perpetrator=None, sessions_expected: int = 24, **fields):
    now = timezone.now()
    return ProgrammeReferral.objects.create(
        locality=case.locality,
        case=case,
        perpetrator=perpetrator or perpetrator_of(case),
        programme_agency=agency,
        programme_name="Respectful Relationships",
        ordered_by="Riverside Crown Court",
        referred_on=timezone.localdate() - dt.timedelta(days=60),
        sessions_expected=sessions_expected,
        recorded_by=UserFactory(),
        recorded_at=now,
        updated_at=now,
        **fields,
    )


def programme_agency(locality) -> Agency:
    """The locality's perpetrator programme (made the first time it is asked for)."""
    agency = Agency.objects.filter(locality=locality, agency_type=AgencyType.PERPETRATOR_PROGRAMME).first()
    return agency or AgencyFactory(
        locality=locality, name="Riverside Respectful Relationships", agency_type=AgencyType.PERPETRATOR_PROGRAMME
    )


# The URL walk's world (marac/access/tests/world.py): the police own an order protecting its victim; housing
# reported a breach of it, not yet answered; a programme agency runs his court-ordered programme.


def world_order(world) -> Order:
    return order_on(world.case, owner=world.referral.referring_agency)


def world_breach(world) -> Breach:
    housing = Agency.objects.get(locality=world.case.locality, agency_type=AgencyType.HOUSING)
    return breach_of(world_order(world), agency=housing)


def world_programme(world) -> ProgrammeReferral:
    return programme_for(world.case, agency=programme_agency(world.case.locality))
