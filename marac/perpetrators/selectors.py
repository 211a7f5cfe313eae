"""Reads of orders, breaches and programmes, scoped by `access.perpetrator_policy`, each page in a fixed number of
queries."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.utils import timezone

from marac.access import perpetrator_policy, policy
from marac.access.actor import Actor
from marac.incidents.models import Incident
from marac.incidents.selectors import visible_incidents
from marac.people.models import Person
from marac.perpetrators.config import perpetrator_settings
from marac.perpetrators.models import Breach, Order, OrderCondition, PerpetratorSettings, ProgrammeReferral
from marac.perpetrators.timeliness import Timeliness, timeliness
from marac.referrals.case_rows import rows_on_case
from marac.referrals.models import Case, CaseParty, PartyRole

# How many incidents the perpetrator page lists, newest first.
PERPETRATOR_PAGE_INCIDENTS = 50


def ending_soon(order: Order, *, today: dt.date, days: int) -> int | None:
    """Days until the order ends, when it ends within `days` (the IDVA's notice window); else None."""
    if order.ends_on is None or order.ends_on < today:
        return None
    left = (order.ends_on - today).days
    return left if left <= days else None


def _mark(orders: list[Order], *, today: dt.date, settings: PerpetratorSettings) -> list[Order]:
    """Annotate each order with `days_left` (ending soon only), `in_force` and `has_ended`, for the templates."""
    for order in orders:
        order.days_left = ending_soon(order, today=today, days=settings.idva_notice_days)
        order.in_force = order.in_force_on(today)
        order.has_ended = order.ends_on is not None and order.ends_on < today
    return orders


def orders_with_details(queryset: QuerySet[Order], actor: Actor) -> QuerySet[Order]:
    """With the victim, the perpetrator, the owner and the conditions; `case_visible` says whether the actor may
    open the case (an owner agency polices an order on a case it may have no part in)."""
    return _with_conditions(queryset.select_related("case__victim", "perpetrator", "owner_agency")).annotate(
        case_visible=Exists(policy.visible_cases(actor).filter(pk=OuterRef("case_id")))
    )


def _with_conditions(queryset: QuerySet[Order]) -> QuerySet[Order]:
    return queryset.prefetch_related(Prefetch("conditions", queryset=OrderCondition.objects.order_by("position")))


def breaches_with_details(queryset: QuerySet[Breach]) -> QuerySet[Breach]:
    return queryset.select_related(
        "order__case", "order__perpetrator", "condition", "reporting_agency", "response__agency", "incident"
    )


def programmes_with_details(queryset: QuerySet[ProgrammeReferral]) -> QuerySet[ProgrammeReferral]:
    return queryset.select_related("case", "perpetrator", "programme_agency", "order")


def _mark_breaches(breaches: list[Breach], settings: PerpetratorSettings, actor: Actor | None = None) -> list[Breach]:
    """Annotate each breach with `delay` (report to response), `on_time` against the locality's target, and
    `may_respond` for the actor (no query: the order is already read)."""
    target = dt.timedelta(hours=settings.response_target_hours)
    for breach in breaches:
        response = getattr(breach, "response", None)
        breach.delay = response.responded_at - breach.reported_at if response else None
        breach.on_time = breach.delay is not None and breach.delay <= target
        breach.may_respond = bool(
            actor is not None and response is None and perpetrator_policy.may_respond(actor, breach)
        )
    return breaches


def _mark_programmes(programmes: list[ProgrammeReferral], actor: Actor) -> list[ProgrammeReferral]:
    for programme in programmes:
        programme.may_update = programme.is_open and perpetrator_policy.may_update_programme(actor, programme)
    return programmes


# The perpetrator page


@dataclass
class PerpetratorPage:
    person: Person
    settings: PerpetratorSettings
    cases: list[Case]
    victims: list[Person]
    incidents: list[Incident]
    orders: list[Order]
    breaches: list[Breach]
    programmes: list[ProgrammeReferral]
    incident_limit: int = PERPETRATOR_PAGE_INCIDENTS
    case_by_victim: dict[int, Case] = field(default_factory=dict)

    @property
    def ids(self) -> dict[str, list[int]]:
        """What the page shows, for the audit trail."""
        return {
            "cases": [case.pk for case in self.cases],
            "victims": [victim.pk for victim in self.victims],
            "incidents": [incident.pk for incident in self.incidents],
            "orders": [order.pk for order in self.orders],
            "breaches": [breach.pk for breach in self.breaches],
            "programmes": [programme.pk for programme in self.programmes],
        }


def perpetrator_page(*, actor: Actor, person: Person) -> PerpetratorPage:
    """Everything linked with a perpetrator that the actor may see, in nine queries whatever there is."""
    today = timezone.localdate()
    settings = perpetrator_settings(actor.locality)
    party = CaseParty.objects.filter(case=OuterRef("pk"), person=person, role=PartyRole.PERPETRATOR)
    cases = policy.visible_cases(actor).filter(Exists(party))
    incidents = visible_incidents(actor).filter(perpetrator=person)
    orders = perpetrator_policy.visible_orders(actor).filter(perpetrator=person)
    victims = Person.objects.filter(
        Q(pk__in=cases.values("victim_id"))
        | Q(pk__in=incidents.values("victim_id"))
        | Q(pk__in=orders.values("case__victim_id"))
    ).order_by("family_name", "given_name", "pk")
    case_list = list(cases.order_by("-last_referred_at", "-pk"))
    page = PerpetratorPage(
        person=person,
        settings=settings,
        cases=case_list,
        victims=list(victims),
        incidents=list(incidents.order_by("-occurred_at", "-pk")[:PERPETRATOR_PAGE_INCIDENTS]),
        orders=_mark(
            list(orders_with_details(orders, actor).order_by("-starts_on", "-pk")), today=today, settings=settings
        ),
        breaches=_mark_breaches(
            list(
                breaches_with_details(
                    perpetrator_policy.visible_breaches(actor).filter(order__perpetrator=person)
                ).order_by("-occurred_at", "-pk")
            ),
            settings,
            actor,
        ),
        programmes=_mark_programmes(
            list(
                programmes_with_details(
                    perpetrator_policy.visible_programmes(actor).filter(perpetrator=person)
                ).order_by("-referred_on", "-pk")
            ),
            actor,
        ),
    )
    for case in case_list:
        page.case_by_victim.setdefault(case.victim_id, case)
    for victim in page.victims:
        victim.visible_case = page.case_by_victim.get(victim.pk)
    return page


# The panel on the case page


@dataclass
class CasePanel:
    settings: PerpetratorSettings
    perpetrators: list[Person]
    orders: list[Order]
    breaches: list[Breach]
    programmes: list[ProgrammeReferral]


def case_panel(*, actor: Actor, case: Case, perpetrators: list[Person]) -> CasePanel:
    """The case's orders (with their conditions), breaches with their responses, and programmes, as the actor may see
    them: five queries whatever the case holds. `perpetrators` are the case's, already read by the case page; so is
    the case, which is not joined again (and which the reader sees, so every order's case is visible)."""
    today = timezone.localdate()
    settings = perpetrator_settings(case.locality)
    orders = rows_on_case(
        _with_conditions(perpetrator_policy.visible_orders(actor).filter(case=case))
        .annotate(case_visible=Value(True))
        .order_by("-starts_on", "-pk"),
        case,
        "perpetrator",
        "owner_agency",
    )
    breaches = list(
        perpetrator_policy.visible_breaches(actor)
        .filter(order__case=case)
        .select_related(None)
        .select_related("order", "condition", "reporting_agency", "response__agency")
        .order_by("-occurred_at", "-pk")
    )
    for breach in breaches:
        breach.order.case = case
    programmes = rows_on_case(
        perpetrator_policy.visible_programmes(actor).filter(case=case).order_by("-referred_on", "-pk"),
        case,
        "perpetrator",
        "programme_agency",
        "order",
    )
    return CasePanel(
        settings=settings,
        perpetrators=perpetrators,
        orders=_mark(orders, today=today, settings=settings),
        breaches=_mark_breaches(breaches, settings, actor),
        programmes=_mark_programmes(programmes, actor),
    )


# Orders and breaches


def order_list(*, actor: Actor) -> QuerySet[Order]:
    """Orders in force or still to start, ending soonest first (those without an end last)."""
    today = timezone.localdate()
    orders = perpetrator_policy.visible_orders(actor).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    return orders.select_related("case__victim", "perpetrator", "owner_agency").order_by("ends_on", "-starts_on", "-pk")


def mark_orders(orders: list[Order], *, actor: Actor) -> list[Order]:
    return _mark(orders, today=timezone.localdate(), settings=perpetrator_settings(actor.locality))


@dataclass
class OrderPage:
    order: Order
    breaches: list[Breach]
    programmes: list[ProgrammeReferral]
    settings: PerpetratorSettings

    @property
    def orders_for_card(self) -> list[Order]:
        return [self.order]


def order_page(*, actor: Actor, order: Order) -> OrderPage:
    settings = perpetrator_settings(actor.locality)
    _mark([order], today=timezone.localdate(), settings=settings)
    breaches = breaches_with_details(perpetrator_policy.visible_breaches(actor).filter(order=order))
    programmes = programmes_with_details(perpetrator_policy.visible_programmes(actor).filter(order=order))
    return OrderPage(
        order=order,
        breaches=_mark_breaches(list(breaches.order_by("-occurred_at", "-pk")), settings, actor),
        programmes=_mark_programmes(list(programmes.order_by("-referred_on", "-pk")), actor),
        settings=settings,
    )


def visible_order_with_details(actor: Actor) -> QuerySet[Order]:
    return orders_with_details(perpetrator_policy.visible_orders(actor), actor)


def visible_breach_with_details(actor: Actor) -> QuerySet[Breach]:
    return breaches_with_details(perpetrator_policy.visible_breaches(actor)).select_related("order__owner_agency")


def visible_programme_with_details(actor: Actor) -> QuerySet[ProgrammeReferral]:
    return programmes_with_details(perpetrator_policy.visible_programmes(actor)).prefetch_related("updates__agency")


# The breach report


@dataclass
class BreachReport:
    settings: PerpetratorSettings
    since: dt.date | None
    timeliness: Timeliness
    total: int
    awaiting: int  # reported, no response yet


def breach_report(*, actor: Actor, since: dt.date | None) -> tuple[BreachReport, QuerySet[Breach]]:
    """The timeliness of responses to the breaches reported since a date (or ever), and the breaches themselves for
    the per-breach table (a queryset, to page through)."""
    settings = perpetrator_settings(actor.locality)
    breaches = perpetrator_policy.visible_breaches(actor)
    if since is not None:
        start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
        breaches = breaches.filter(reported_at__gte=start)
    rows = list(breaches.values_list("reported_at", "response__kind", "response__responded_at"))
    answered = [(kind, responded_at - reported_at) for reported_at, kind, responded_at in rows if kind]
    report = BreachReport(
        settings=settings,
        since=since,
        timeliness=timeliness(answered, target_hours=settings.response_target_hours),
        total=len(rows),
        awaiting=len(rows) - len(answered),
    )
    table = breaches_with_details(breaches).select_related("order__owner_agency").order_by("-reported_at", "-pk")
    return report, table


def mark_breaches(breaches: list[Breach], *, settings: PerpetratorSettings, actor: Actor) -> list[Breach]:
    return _mark_breaches(breaches, settings, actor)
