"""Recording an order against a perpetrator, with its conditions."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.access import perpetrator_policy, policy
from marac.access.actor import Actor
from marac.agencies.models import Agency
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.perpetrators.models import ORDER_TYPES_WITH_AN_END, Order, OrderCondition, OrderType
from marac.referrals.models import Case, CaseParty, CaseStatus, PartyRole

CONDITION_LIMIT = 1000
EARLIEST_ORDER = dt.date(2000, 1, 1)

# A case that has moved away, or has been anonymised, takes no new records.
CLOSED_TO_RECORDS = {
    CaseStatus.TRANSFERRED: _("This case was transferred to another area: its coordinator records orders there."),
}
ERASED_CASE = _("This case has been anonymised under the retention schedule: nothing more can be recorded on it.")


@dataclass
class OrderInput:
    order_type: str
    perpetrator_id: int | None
    issued_by: str
    owner_agency_id: int | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    conditions: list[str]
    reference: str = ""
    notification_requirements: bool = False
    electronic_monitoring: bool = False
    other_protected_ids: list[int] = field(default_factory=list)


def case_closed_to_records(case: Case) -> str:
    """Why nothing more may be recorded on the case, or an empty string."""
    if case.erased_at is not None:
        return ERASED_CASE
    return CLOSED_TO_RECORDS.get(case.status, "")


def require_shared_case(actor: Actor, case: Case, permission: str, what: str) -> None:
    """Views fetch the case through the guard already; this keeps the rule when the service is called from
    elsewhere."""
    if not policy.has_permission(actor, permission):
        raise PermissionDenied(f"Your role may not record {what}.")
    if not perpetrator_policy.cases_shared_with(actor).filter(pk=case.pk).exists():
        raise PermissionDenied(f"Only agencies that share this case's information may record {what} on it.")


def _perpetrator_ids(case: Case) -> set[int]:
    return set(CaseParty.objects.filter(case=case, role=PartyRole.PERPETRATOR).values_list("person_id", flat=True))


def _errors(*, case: Case, data: OrderInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.order_type not in OrderType.values:
        errors["order_type"] = [gettext("Choose the type of order.")]
    if data.perpetrator_id is None or data.perpetrator_id not in _perpetrator_ids(case):
        errors["perpetrator"] = [gettext("Choose the perpetrator the order is against, from this case's perpetrators.")]
    if not data.issued_by.strip():
        errors["issued_by"] = [gettext("Enter the court or police force that made the order.")]
    if (
        data.owner_agency_id is None
        or not Agency.objects.filter(pk=data.owner_agency_id, locality_id=case.locality_id, is_active=True).exists()
    ):
        errors["owner_agency"] = [gettext("Choose the agency that owns the order, among the agencies of this area.")]
    if data.starts_on is None:
        errors["starts_on"] = [gettext("Enter the date the order starts.")]
    elif data.starts_on < EARLIEST_ORDER:
        errors["starts_on"] = [gettext("Enter a start date from %(year)s onwards.") % {"year": EARLIEST_ORDER.year}]
    if data.ends_on is None and data.order_type in ORDER_TYPES_WITH_AN_END:
        errors["ends_on"] = [
            gettext("%(order_type)s: this kind lasts a fixed time, enter its end date.")
            % {"order_type": OrderType(data.order_type).label}
        ]
    elif data.ends_on is not None and data.starts_on is not None and data.ends_on < data.starts_on:
        errors["ends_on"] = [gettext("The order cannot end before it starts.")]
    conditions = [text.strip() for text in data.conditions if text.strip()]
    if not conditions:
        errors["conditions"] = [gettext("Enter the order's conditions, one per line: for example, not to contact her.")]
    elif any(len(text) > CONDITION_LIMIT for text in conditions):
        errors["conditions"] = [
            gettext("Each condition must be %(limit)s characters or fewer.") % {"limit": CONDITION_LIMIT}
        ]
    others = set(data.other_protected_ids)
    if others:
        parties = set(
            CaseParty.objects.filter(case=case, person_id__in=others)
            .exclude(role=PartyRole.PERPETRATOR)
            .values_list("person_id", flat=True)
        )
        if parties != others:
            errors["other_protected"] = [gettext("Choose the other people protected among the children and household.")]
    return errors


def order_record(*, actor: Actor, case: Case, data: OrderInput) -> Order:
    """Record an order protecting the case's victim, with its conditions in the order given."""
    require_shared_case(actor, case, "order.record", "orders")
    if reason := case_closed_to_records(case):
        raise ValidationError({NON_FIELD_ERRORS: reason})
    now = timezone.now()
    errors = _errors(case=case, data=data)
    if errors:
        raise ValidationError(errors)
    conditions = [text.strip() for text in data.conditions if text.strip()]
    with transaction.atomic():
        order = Order.objects.create(
            locality_id=case.locality_id,
            case=case,
            perpetrator_id=data.perpetrator_id,
            order_type=data.order_type,
            reference=data.reference.strip(),
            issued_by=data.issued_by.strip(),
            owner_agency_id=data.owner_agency_id,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            notification_requirements=data.notification_requirements,
            electronic_monitoring=data.electronic_monitoring,
            recorded_by=actor.user,
            recorded_at=now,
        )
        OrderCondition.objects.bulk_create(
            [OrderCondition(order=order, position=index, text=text) for index, text in enumerate(conditions, 1)]
        )
        if data.other_protected_ids:
            order.other_protected.set(data.other_protected_ids)
        with translation.override(None):  # the audit trail is kept in English
            order_type = order.get_order_type_display().lower()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=order,
            case=case,
            summary=f"Recorded an order: {order_type}",
            detail={
                "order_type": order.order_type,
                "perpetrator": order.perpetrator_id,
                "owner_agency": order.owner_agency_id,
                "starts_on": order.starts_on.isoformat(),
                "ends_on": order.ends_on.isoformat() if order.ends_on else None,
                "conditions": len(conditions),
                "other_protected": sorted(data.other_protected_ids),
            },
        )
    return order
