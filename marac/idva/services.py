"""Writes for the IDVA's work with the victim. One function per use case, one transaction each, each audited."""

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.idva.models import ContactMethod, ReportBack, VictimContact
from marac.referrals.models import Case


def _require_allocated_idva(actor: Actor, permission: str, case: Case) -> None:
    """Views already fetch through the guard; this keeps the rule when a service is called from elsewhere."""
    if not policy.has_permission(actor, permission) or actor.agency is None or case.idva_agency_id != actor.agency.pk:
        raise PermissionDenied("Only an IDVA of the service allocated to this case may do this.")


def _check_method(method: str) -> None:
    if method not in ContactMethod.values:
        raise ValidationError({"method": gettext("Choose how the contact was made.")})


def victim_contact_record(
    *,
    actor: Actor,
    case: Case,
    contacted_at: dt.datetime,
    method: str,
    successful: bool,
    victim_views: str,
    note: str,
) -> VictimContact:
    """Record one contact, or attempt at contact, with the victim of a case allocated to the actor's service."""
    _require_allocated_idva(actor, "victim_contact.record", case)
    _check_method(method)
    if contacted_at > timezone.now():
        raise ValidationError({"contacted_at": gettext("The contact must be now or in the past.")})
    victim_views = victim_views.strip()
    if not successful and victim_views:
        raise ValidationError(
            {
                "victim_views": gettext(
                    "You did not reach her, so there are no views in her words to record. Use the note."
                )
            }
        )
    with transaction.atomic():
        contact = VictimContact.objects.create(
            case=case,
            agency=actor.agency,
            recorded_by=actor.user,
            contacted_at=contacted_at,
            method=method,
            successful=successful,
            victim_views=victim_views,
            note=note.strip(),
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=contact,
            case=case,
            summary="Recorded contact with the victim" if successful else "Recorded an attempt to contact the victim",
            detail={"method": method, "successful": successful, "contacted_at": contacted_at.isoformat()},
        )
    return contact


def report_back_complete(
    *,
    actor: Actor,
    report_back: ReportBack,
    victim_told_at: dt.datetime,
    method: str,
    note: str,
) -> ReportBack:
    """Record that the victim was told what the meeting agreed. A report-back is completed once only."""
    if not policy.has_permission(actor, "report_back.complete") or actor.agency is None:
        raise PermissionDenied("Only an IDVA may complete a report-back.")
    if report_back.agency_id != actor.agency.pk:
        raise PermissionDenied("This report-back belongs to another IDVA service.")
    _check_method(method)
    with transaction.atomic():
        # Locking the row makes a second, simultaneous submission wait and then see the first one.
        current = (
            ReportBack.objects.select_for_update(of=("self",))
            .select_related("case", "meeting", "completed_by")
            .get(pk=report_back.pk)
        )
        if current.completed_at is not None:
            by = current.completed_by.get_full_name() or current.completed_by.get_username()
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: gettext(
                        "This report-back was already completed by %(by)s on %(when)s. It cannot be completed "
                        "again; record any further contact with her as a new contact."
                    )
                    % {"by": by, "when": date_format(timezone.localtime(current.completed_at), "j F Y")}
                }
            )
        if victim_told_at > timezone.now():
            raise ValidationError({"victim_told_at": gettext("The date she was told must be now or in the past.")})
        meeting_day = timezone.localdate(current.meeting.scheduled_for)
        if timezone.localdate(victim_told_at) < meeting_day:
            raise ValidationError(
                {
                    "victim_told_at": gettext("She cannot have been told before the meeting on %(day)s.")
                    % {"day": date_format(meeting_day)}
                }
            )
        current.victim_told_at = victim_told_at
        current.method = method
        current.note = note.strip()
        current.completed_at = timezone.now()
        current.completed_by = actor.user
        current.save(update_fields=["victim_told_at", "method", "note", "completed_at", "completed_by"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=current,
            case=current.case,
            summary="Completed the report-back to the victim",
            detail={
                "meeting": current.meeting_id,
                "method": method,
                "victim_told_at": victim_told_at.isoformat(),
                "late": timezone.localdate(victim_told_at) > current.due_date,
            },
        )
    for name in ("victim_told_at", "method", "note", "completed_at", "completed_by"):
        setattr(report_back, name, getattr(current, name))
    return report_back
