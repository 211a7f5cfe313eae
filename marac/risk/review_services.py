"""Writes for the review schedule: recording an event that brings a case's next risk review forward."""

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from marac.access import policy
from marac.access.actor import Actor
from marac.access.rules import Detail
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.referrals.models import Case, CaseStatus
from marac.risk.models import ReviewEvent, ReviewTrigger
from marac.risk.reviews import case_review_refresh, trigger_review_due

# A closed case is reopened by a new referral, and a transferred one is reviewed by the area it moved to.
NO_REVIEW_STATUSES = {
    CaseStatus.CLOSED: gettext_lazy(
        "This case is closed. Make a new referral: it reopens the case and asks for a new assessment."
    ),
    CaseStatus.TRANSFERRED: gettext_lazy(
        "This case was transferred to another area. Tell that area's coordinator about the event."
    ),
}

COURT_DATE_PASSED = gettext_lazy(
    "A court date must be in the future. For a hearing that has happened, choose another event."
)


def _require_may_record(actor: Actor, case: Case) -> None:
    """Views fetch the case through the guard already; this keeps the rule when the service is called from
    elsewhere."""
    if not policy.has_permission(actor, "review_trigger.record"):
        raise PermissionDenied(gettext("Your role may not record events that bring a review forward."))
    visible = policy.visible_cases(actor).filter(pk=case.pk).first()
    if visible is None or policy.case_detail(actor, visible) < Detail.SHARED:
        raise PermissionDenied(gettext("Only agencies that share this case's information may record events on it."))


def _check_event(*, event: str, event_at: dt.datetime, now: dt.datetime) -> None:
    if event not in ReviewEvent.values:
        raise ValidationError({"event": gettext("Choose what has happened.")})
    if timezone.is_naive(event_at):
        raise ValueError("event_at must be timezone-aware")
    if event == ReviewEvent.COURT_DATE and event_at <= now:
        raise ValidationError({"event_at": str(COURT_DATE_PASSED)})
    if event != ReviewEvent.COURT_DATE and event_at > now:
        raise ValidationError(
            {"event_at": gettext("The event must have happened already: give a date and time in the past.")}
        )


def review_trigger_record(
    *, actor: Actor, case: Case, event: str, event_at: dt.datetime, note: str = ""
) -> ReviewTrigger:
    """Record an event on a case, work out when it asks for a review, and bring the case's next review forward.

    A court date asks for a review some days before the hearing; any other event asks for one at once.
    """
    _require_may_record(actor, case)
    if case.status in NO_REVIEW_STATUSES:
        raise ValidationError({NON_FIELD_ERRORS: str(NO_REVIEW_STATUSES[case.status])})
    now = timezone.now()
    _check_event(event=event, event_at=event_at, now=now)
    review_due = trigger_review_due(locality=case.locality, event=event, event_at=event_at, recorded_at=now)
    with transaction.atomic():
        trigger = ReviewTrigger.objects.create(
            case=case,
            event=event,
            event_at=event_at,
            review_due=review_due,
            note=note.strip(),
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
            summary=(
                "Recorded an event that brings the risk review forward: "
                f"{in_english(ReviewEvent(trigger.event).label).lower()}"
            ),
            detail={
                "event": event,
                "event_at": event_at.isoformat(),
                "review_due": review_due.isoformat(),
                "case_next_review_due": case.next_review_due.isoformat() if case.next_review_due else None,
            },
        )
    return trigger
