"""Recording a breach of an order, and the response to it.

A breach is recorded by any agency that learns of it and can see the order. In the same transaction it is also:

- an incident of type "breach" between the protected victim and the perpetrator, recorded through the incidents
  service for the reporting agency, so that the repeat rule re-refers the case when the breach comes within the
  repeat window of the victim's last referral (and the escalation rule counts it);
- an event that brings the case's risk review forward (`ReviewEvent.ORDER_BREACH`). It is recorded whatever the
  reporting agency may do on the case itself: the rule acts, as the repeat rule does, on the agency's behalf.

The response (arrest, charge, warning, return to court, or no action with a reason) is recorded by the police, by
the agency that owns the order, or by the coordinator; its timeliness is the time from the report to the response.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext

from marac.access import perpetrator_policy, policy
from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.duties.services import duty_after_breach
from marac.incidents.models import Gravity, Incident, IncidentType
from marac.incidents.services import IncidentInput, IncidentOutcome, incident_record_between
from marac.perpetrators.models import Breach, BreachResponse, Order, OrderCondition, ResponseKind
from marac.perpetrators.order_services import case_closed_to_records
from marac.perpetrators.timeliness import response_hours
from marac.referrals.models import Case
from marac.risk.models import ReviewEvent, ReviewTrigger
from marac.risk.review_services import NO_REVIEW_STATUSES
from marac.risk.reviews import case_review_refresh, trigger_review_due

DESCRIPTION_LIMIT = 2000


@dataclass
class BreachInput:
    occurred_at: dt.datetime | None
    reported_at: dt.datetime | None
    description: str
    gravity: int | None
    condition_id: int | None = None


@dataclass(frozen=True)
class BreachOutcome:
    breach: Breach
    incident: Incident | None
    review_trigger: ReviewTrigger | None
    repeat_referral_id: int | None  # the repeat referral the breach made, or joined while it waits for triage
    notes: tuple[str, ...] = ()  # what could not be done, for the person who recorded it


@dataclass
class ResponseInput:
    kind: str
    responded_at: dt.datetime | None
    reason: str = ""


def _day(value: dt.date) -> str:
    return dateformat.format(value, "j F Y")


def _breach_errors(*, order: Order, data: BreachInput, now: dt.datetime) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.occurred_at is None:
        errors["occurred_at"] = [gettext("Enter the date and time of the breach.")]
    elif data.occurred_at > now:
        errors["occurred_at"] = [gettext("The breach cannot be in the future.")]
    else:
        day = timezone.localdate(data.occurred_at)
        if day < order.starts_on:
            errors["occurred_at"] = [
                gettext("The order started on %(day)s: a breach cannot come before it.")
                % {"day": _day(order.starts_on)}
            ]
        elif order.ends_on is not None and day > order.ends_on:
            errors["occurred_at"] = [
                gettext("The order ended on %(day)s: this is not a breach of it.") % {"day": _day(order.ends_on)}
            ]
    if data.reported_at is None:
        errors["reported_at"] = [gettext("Enter the date and time your agency was told of the breach.")]
    elif data.reported_at > now:
        errors["reported_at"] = [gettext("The report cannot be in the future.")]
    elif data.occurred_at is not None and data.reported_at < data.occurred_at:
        errors["reported_at"] = [gettext("The breach cannot have been reported before it happened.")]
    if data.condition_id is not None and not OrderCondition.objects.filter(pk=data.condition_id, order=order).exists():
        errors["condition"] = [gettext("Choose one of this order's conditions, or the order as a whole.")]
    if data.gravity not in Gravity.values:
        errors["gravity"] = [gettext("Choose how serious the breach was.")]
    if not data.description.strip():
        errors["description"] = [gettext("Say briefly what happened.")]
    elif len(data.description.strip()) > DESCRIPTION_LIMIT:
        errors["description"] = [
            gettext("Say what happened in %(limit)s characters or fewer.") % {"limit": DESCRIPTION_LIMIT}
        ]
    return errors


def _incident_summary(breach: Breach) -> str:
    """Stored with the incident, for every agency: in English, whatever the language of the page."""
    order = breach.order
    with translation.override(None):
        order_type = order.get_order_type_display().lower()
    what = f"Breach of {order_type} {order.pk}"
    if breach.condition is not None:
        what += f" (condition {breach.condition.position}: {breach.condition.text})"
    return f"{what}. {breach.description}"


def _incident(*, actor: Actor, breach: Breach, gravity: int) -> IncidentOutcome:
    """The breach as an incident between the protected victim and the perpetrator; the rules run on it."""
    order = breach.order
    return incident_record_between(
        actor=actor,
        victim=order.case.victim,
        perpetrator=order.perpetrator,
        data=IncidentInput(
            occurred_at=breach.occurred_at,
            incident_type=IncidentType.BREACH,
            gravity=gravity,
            victim=None,
            summary=_incident_summary(breach),
            source_reference=f"Breach {breach.pk} of order {order.pk}",
        ),
    )


def _review_trigger(*, actor: Actor, breach: Breach, now: dt.datetime) -> tuple[ReviewTrigger | None, str]:
    """Bring the case's risk review forward, as `risk.review_services.review_trigger_record` does, without asking
    whether the reporting agency may record events on the case: a breach brings the review forward whoever reports
    it."""
    # Read again: a repeat referral made from the breach may have re-opened a closed case.
    case = Case.objects.select_related("locality").get(pk=breach.order.case_id)
    if case.status in NO_REVIEW_STATUSES:
        return None, gettext("The risk review was not brought forward. %(reason)s") % {
            "reason": NO_REVIEW_STATUSES[case.status]
        }
    event = ReviewEvent.ORDER_BREACH
    with translation.override(None):  # the note is stored, for every reader: in English
        order_type = breach.order.get_order_type_display().lower()
    trigger = ReviewTrigger.objects.create(
        case=case,
        event=event,
        event_at=breach.occurred_at,
        review_due=trigger_review_due(
            locality=case.locality, event=event, event_at=breach.occurred_at, recorded_at=now
        ),
        note=f"Breach of {order_type} {breach.order_id}, reported by {breach.reporting_agency}.",
        recorded_by=actor.user,
        agency=actor.agency,
        recorded_at=now,
    )
    case_review_refresh(case=case)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=trigger,
        case=case,
        summary="A breach of an order brought the risk review forward",
        detail={
            "breach": breach.pk,
            "event": event.value,
            "event_at": breach.occurred_at.isoformat(),
            "review_due": trigger.review_due.isoformat(),
            "case_next_review_due": case.next_review_due.isoformat() if case.next_review_due else None,
        },
    )
    return trigger, ""


def breach_record(*, actor: Actor, order: Order, data: BreachInput) -> BreachOutcome:
    """Record a breach for the actor's agency, with its incident and its review trigger, in one transaction."""
    if not policy.has_permission(actor, "breach.record") or actor.agency is None:
        raise PermissionDenied("Your role may not record breaches.")
    if not perpetrator_policy.visible_orders(actor).filter(pk=order.pk).exists():
        raise PermissionDenied("Only agencies that can see the order may record a breach of it.")
    if reason := case_closed_to_records(order.case):
        raise ValidationError({NON_FIELD_ERRORS: reason})
    now = timezone.now()
    errors = _breach_errors(order=order, data=data, now=now)
    if errors:
        raise ValidationError(errors)
    with translation.override(None):  # the audit trail is kept in English
        order_type = order.get_order_type_display().lower()
    with transaction.atomic():
        breach = Breach.objects.create(
            order=order,
            condition_id=data.condition_id,
            occurred_at=data.occurred_at,
            reported_at=data.reported_at,
            reporting_agency=actor.agency,
            description=data.description.strip(),
            recorded_by=actor.user,
            recorded_at=now,
        )
        # The incident goes first: its repeat referral may re-open a closed case, which can then take a review.
        incident_outcome = _incident(actor=actor, breach=breach, gravity=data.gravity)
        trigger, review_note = _review_trigger(actor=actor, breach=breach, now=now)
        breach.incident = incident_outcome.incident
        breach.review_trigger = trigger
        breach.save(update_fields=["incident", "review_trigger"])
        rules = incident_outcome.rules
        repeat = next(iter(rules.referrals_created + rules.referrals_extended), None)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=breach,
            case=order.case,
            summary=f"Recorded a breach of {order_type} {order.pk}",
            detail={
                "order": order.pk,
                "condition": data.condition_id,
                "occurred_at": breach.occurred_at.isoformat(),
                "reported_at": breach.reported_at.isoformat(),
                "incident": breach.incident_id,
                "review_trigger": breach.review_trigger_id,
                "repeat_referral": repeat,
            },
        )
        # The protocol's referral-back duty for a breach; met already when the breach's incident was re-referred.
        duty_after_breach(actor=actor, breach=breach)
    notes = (review_note,) if review_note else ()
    return BreachOutcome(
        breach=breach,
        incident=breach.incident,
        review_trigger=trigger,
        repeat_referral_id=repeat,
        notes=notes,
    )


def _response_errors(*, breach: Breach, data: ResponseInput, now: dt.datetime) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.kind not in ResponseKind.values:
        errors["kind"] = [gettext("Choose the response.")]
    if data.responded_at is None:
        errors["responded_at"] = [gettext("Enter the date and time of the response.")]
    elif data.responded_at > now:
        errors["responded_at"] = [gettext("The response cannot be in the future.")]
    elif data.responded_at < breach.reported_at:
        reported = dateformat.format(timezone.localtime(breach.reported_at), "j F Y, H:i")
        errors["responded_at"] = [
            gettext("The response cannot come before the breach was reported (%(reported)s).") % {"reported": reported}
        ]
    if data.kind == ResponseKind.NO_ACTION and not data.reason.strip():
        errors["reason"] = [gettext("Say why no action was taken.")]
    return errors


def breach_respond(*, actor: Actor, breach: Breach, data: ResponseInput) -> BreachResponse:
    """Record the response to a breach; a breach has one response."""
    if not perpetrator_policy.may_respond(actor, breach):
        raise PermissionDenied(
            "Only the police, the agency that owns the order or the coordinator respond to breaches."
        )
    if not perpetrator_policy.visible_breaches(actor).filter(pk=breach.pk).exists():
        raise PermissionDenied("This breach is not visible to you.")
    now = timezone.now()
    errors = _response_errors(breach=breach, data=data, now=now)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Breach.objects.select_for_update().select_related("order").get(pk=breach.pk)
        if BreachResponse.objects.filter(breach=locked).exists():
            raise ValidationError({NON_FIELD_ERRORS: gettext("A response to this breach has already been recorded.")})
        response = BreachResponse.objects.create(
            breach=locked,
            kind=data.kind,
            reason=data.reason.strip(),
            responded_at=data.responded_at,
            agency=actor.agency,
            recorded_by=actor.user,
            recorded_at=now,
        )
        with translation.override(None):  # the audit trail is kept in English
            english_kind = response.get_kind_display().lower()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=response,
            case=locked.order.case,
            summary=f"Recorded the response to breach {locked.pk}: {english_kind}",
            detail={
                "breach": locked.pk,
                "kind": response.kind,
                "responded_at": response.responded_at.isoformat(),
                "hours_from_report": response_hours(locked.reported_at, response.responded_at),
            },
        )
    return response
