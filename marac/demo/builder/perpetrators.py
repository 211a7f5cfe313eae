"""Orders, breaches and court-ordered programmes for a few of the demo's live cases.

Four orders on four cases still open: a restraining order ending within the owner's alert window, an open-ended
protection order with electronic monitoring, bail conditions ending within the IDVA service's window, and a
court-ordered programme with its referral and attendance so far. Breaches have responses of different speeds (one
awaits a response), and, as the breach service leaves them, each is also an incident of type "breach" and an event
that brings its case's review forward (answered by a later assessment where there is one). The repeat rule is not
replayed: the demo's referrals are built as they are.

Build it after the cases, their assessments and `refresh_case_risk`; it draws on no random generator, so the other
steps' stories are unchanged.
"""

import datetime as dt
from dataclasses import dataclass

from marac.demo.builder.state import CaseSpec, Demo
from marac.incidents.models import Gravity, Incident, IncidentType
from marac.perpetrators.models import (
    Breach,
    BreachResponse,
    Order,
    OrderCondition,
    OrderType,
    PerpetratorSettings,
    ProgrammeReferral,
    ProgrammeStatus,
    ProgrammeUpdate,
    ResponseKind,
)
from marac.referrals.models import CaseStatus
from marac.risk.models import Assessment, ReviewEvent, ReviewTrigger
from marac.risk.reviews import case_review_refresh, trigger_review_due

OPEN_STATUSES = (CaseStatus.MONITORING, CaseStatus.HEARD, CaseStatus.LISTED)


@dataclass(frozen=True)
class PlannedResponse:
    kind: str
    after: dt.timedelta  # from the report
    by: str  # agency key
    reason: str = ""


@dataclass(frozen=True)
class PlannedBreach:
    days_ago: int
    at: dt.time
    reported_after: dt.timedelta
    reported_by: str  # agency key
    condition: int | None  # position, or None for the order as a whole
    gravity: int
    description: str
    response: PlannedResponse | None = None  # None: awaiting a response


@dataclass(frozen=True)
class PlannedOrder:
    order_type: str
    issued_by: str
    owner: str  # agency key
    starts_days_ago: int
    ends_in_days: int | None
    conditions: tuple[str, ...]
    breaches: tuple[PlannedBreach, ...] = ()
    electronic_monitoring: bool = False
    notification_requirements: bool = False
    reference: str = ""


MINUTES = dt.timedelta(minutes=1)
HOURS = dt.timedelta(hours=1)

ORDERS = (
    PlannedOrder(
        order_type=OrderType.RESTRAINING_ORDER,
        issued_by="Riverside Magistrates' Court",
        owner="police",
        starts_days_ago=60,
        ends_in_days=5,  # within the owner's alert window
        conditions=(
            "Not to contact her directly or through anyone else, including on social media.",
            "Not to go to the street where she lives, or within 100 metres of it.",
            "Not to go to her workplace.",
        ),
        reference="RMC/2026/0417",
        breaches=(
            PlannedBreach(
                days_ago=20,
                at=dt.time(21, 40),
                reported_after=25 * MINUTES,
                reported_by="police",
                condition=1,
                gravity=Gravity.MINOR,
                description="Sent her fourteen text messages in one evening asking to meet.",
                response=PlannedResponse(
                    ResponseKind.WARNING, 38 * HOURS, "police", "Harassment warning given in person at his address."
                ),
            ),
            PlannedBreach(
                days_ago=6,
                at=dt.time(7, 15),
                reported_after=10 * MINUTES,
                reported_by="police",
                condition=2,
                gravity=Gravity.MODERATE,
                description="Seen waiting at the end of her road as she left for work; she called 999.",
                response=PlannedResponse(ResponseKind.ARREST, 80 * MINUTES, "police"),
            ),
        ),
    ),
    PlannedOrder(
        order_type=OrderType.PROTECTION_ORDER,
        issued_by="Riverside Family Court",
        owner="idva",
        starts_days_ago=120,
        ends_in_days=None,  # no maximum duration
        conditions=(
            "Not to use or threaten violence against her.",
            "Not to enter the family home.",
            "To wear an electronic tag and keep it charged.",
        ),
        electronic_monitoring=True,
        notification_requirements=True,
        breaches=(
            PlannedBreach(
                days_ago=40,
                at=dt.time(13, 5),
                reported_after=3 * HOURS,
                reported_by="probation",
                condition=3,
                gravity=Gravity.MINOR,
                description="The tag went unpowered for six hours overnight.",
                response=PlannedResponse(
                    ResponseKind.RETURN_TO_COURT, 70 * HOURS, "partnership", "Listed for the court to consider it."
                ),
            ),
            PlannedBreach(
                days_ago=2,
                at=dt.time(18, 30),
                reported_after=3 * HOURS,
                reported_by="idva",
                condition=2,
                gravity=Gravity.MODERATE,
                description="She says he let himself into the house with a key she did not know he had.",
            ),
        ),
    ),
    PlannedOrder(
        order_type=OrderType.BAIL_CONDITIONS,
        issued_by="Riverside Police",
        owner="police",
        starts_days_ago=10,
        ends_in_days=18,  # within the IDVA service's window, not yet the owner's
        conditions=(
            "To live and sleep at his mother's address in Eastbrook.",
            "Not to contact any prosecution witness.",
        ),
        breaches=(
            PlannedBreach(
                days_ago=4,
                at=dt.time(22, 10),
                reported_after=40 * MINUTES,
                reported_by="police",
                condition=2,
                gravity=Gravity.MINOR,
                description="Called her twice from a withheld number.",
                response=PlannedResponse(
                    ResponseKind.NO_ACTION,
                    5 * HOURS,
                    "police",
                    "She did not want to give a statement; he was reminded of his bail conditions by phone.",
                ),
            ),
        ),
    ),
    PlannedOrder(
        order_type=OrderType.COURT_ORDERED_PROGRAMME,
        issued_by="Riverside Crown Court",
        owner="probation",
        starts_days_ago=90,
        ends_in_days=270,
        conditions=(
            "To attend all 24 sessions of the Respectful Relationships programme.",
            "To tell his probation officer of any change of address within three days.",
        ),
    ),
)

# The programme the last order requires: attendance reported after each block of sessions.
PROGRAMME_SESSIONS = 24
ATTENDANCE_REPORTS = ((60, 3, ""), (35, 6, "Engaging; missed one session with a doctor's note."), (10, 9, ""))


def _cases(demo: Demo) -> list[CaseSpec]:
    """Open cases with a perpetrator and an IDVA service, oldest first, one for each planned order."""
    chosen = [
        spec
        for spec in demo.specs
        if spec.case.status in OPEN_STATUSES and spec.perpetrators and spec.idva_key and not spec.transferred
    ]
    chosen.sort(key=lambda spec: (spec.case.opened_at, spec.case.pk))
    return chosen[: len(ORDERS)]


def _order(demo: Demo, spec: CaseSpec, plan: PlannedOrder) -> Order:
    starts_on = demo.today - dt.timedelta(days=plan.starts_days_ago)
    order = Order.objects.create(
        locality=demo.locality,
        case=spec.case,
        perpetrator=spec.perpetrators[0][0],
        order_type=plan.order_type,
        reference=plan.reference,
        issued_by=plan.issued_by,
        owner_agency=demo.agencies[plan.owner],
        starts_on=starts_on,
        ends_on=None if plan.ends_in_days is None else demo.today + dt.timedelta(days=plan.ends_in_days),
        notification_requirements=plan.notification_requirements,
        electronic_monitoring=plan.electronic_monitoring,
        recorded_by=demo.voice(plan.owner),
        recorded_at=demo.local(starts_on, 15, 20),
    )
    OrderCondition.objects.bulk_create(
        [OrderCondition(order=order, position=index, text=text) for index, text in enumerate(plan.conditions, 1)]
    )
    return order


def _answering_assessment(spec: CaseSpec, recorded_at: dt.datetime) -> Assessment | None:
    """The first assessment after the event was recorded answers it, as the assessment service would."""
    return Assessment.objects.filter(case=spec.case, assessed_at__gte=recorded_at).order_by("assessed_at").first()


def _breach(demo: Demo, spec: CaseSpec, order: Order, plan: PlannedBreach) -> Breach:
    occurred_at = demo.local(demo.today - dt.timedelta(days=plan.days_ago), plan.at.hour, plan.at.minute)
    reported_at = min(occurred_at + plan.reported_after, demo.now - 2 * MINUTES)
    recorded_at = min(reported_at + 20 * MINUTES, demo.now - MINUTES)
    agency, recorder = demo.agencies[plan.reported_by], demo.voice(plan.reported_by)
    condition = order.conditions.get(position=plan.condition) if plan.condition else None
    breach = Breach.objects.create(
        order=order,
        condition=condition,
        occurred_at=occurred_at,
        reported_at=reported_at,
        reporting_agency=agency,
        description=plan.description,
        recorded_by=recorder,
        recorded_at=recorded_at,
    )
    what = f"Breach of {order.get_order_type_display().lower()} {order.pk}"
    if condition is not None:
        what += f" (condition {condition.position}: {condition.text})"
    breach.incident = Incident.objects.create(
        locality=demo.locality,
        source_agency=agency,
        source_reference=f"Breach {breach.pk} of order {order.pk}",
        occurred_at=occurred_at,
        incident_type=IncidentType.BREACH,
        gravity=plan.gravity,
        victim=spec.victim,
        perpetrator=order.perpetrator,
        summary=f"{what}. {plan.description}",
        recorded_by=recorder,
        recorded_at=recorded_at,
    )
    breach.review_trigger = ReviewTrigger.objects.create(
        case=spec.case,
        event=ReviewEvent.ORDER_BREACH,
        event_at=occurred_at,
        review_due=trigger_review_due(
            locality=demo.locality, event=ReviewEvent.ORDER_BREACH, event_at=occurred_at, recorded_at=recorded_at
        ),
        note=f"Breach of {order.get_order_type_display().lower()} {order.pk}, reported by {agency}.",
        recorded_by=recorder,
        agency=agency,
        recorded_at=recorded_at,
        answered_by=_answering_assessment(spec, recorded_at),
    )
    breach.save(update_fields=["incident", "review_trigger"])
    if plan.response is not None:
        response = plan.response
        responded_at = min(reported_at + response.after, demo.now - MINUTES)
        BreachResponse.objects.create(
            breach=breach,
            kind=response.kind,
            reason=response.reason,
            responded_at=responded_at,
            agency=demo.agencies[response.by],
            recorded_by=demo.voice(response.by),
            recorded_at=responded_at,
        )
    return breach


def _programme(demo: Demo, spec: CaseSpec, order: Order) -> ProgrammeReferral:
    referred_on = demo.today - dt.timedelta(days=85)
    agency = demo.agencies["programme"]
    programme = ProgrammeReferral.objects.create(
        locality=demo.locality,
        case=spec.case,
        perpetrator=order.perpetrator,
        programme_agency=agency,
        programme_name="Respectful Relationships",
        ordered_by=order.issued_by,
        order=order,
        referred_on=referred_on,
        sessions_expected=PROGRAMME_SESSIONS,
        sessions_attended=ATTENDANCE_REPORTS[-1][1],
        status=ProgrammeStatus.ATTENDING,
        recorded_by=demo.voice("probation"),
        recorded_at=demo.local(referred_on, 11, 0),
        updated_at=demo.local(demo.today - dt.timedelta(days=ATTENDANCE_REPORTS[-1][0]), 16, 30),
    )
    ProgrammeUpdate.objects.bulk_create(
        [
            ProgrammeUpdate(
                programme=programme,
                sessions_attended=attended,
                status=ProgrammeStatus.ATTENDING,
                note=note,
                agency=agency,
                recorded_by=demo.voice("programme"),
                recorded_at=demo.local(demo.today - dt.timedelta(days=days_ago), 16, 30),
            )
            for days_ago, attended, note in ATTENDANCE_REPORTS
        ]
    )
    return programme


def build_perpetrators(demo: Demo) -> None:
    """The locality's settings for orders, then the planned orders, breaches, responses and the programme."""
    PerpetratorSettings.objects.create(locality=demo.locality)
    orders = breaches = programmes = 0
    for spec, plan in zip(_cases(demo), ORDERS, strict=False):
        order = _order(demo, spec, plan)
        orders += 1
        for planned in plan.breaches:
            _breach(demo, spec, order, planned)
            breaches += 1
        if plan.order_type == OrderType.COURT_ORDERED_PROGRAMME:
            _programme(demo, spec, order)
            programmes += 1
        if plan.breaches:
            case_review_refresh(case=spec.case)
    demo.counts["orders"] = orders
    demo.counts["breaches"] = breaches
    demo.counts["programme_referrals"] = programmes
