"""Court-ordered programmes: the referral of a perpetrator to a programme, and the programme's reports of his
attendance and of the outcome (completed, or dropped out with the reason)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from marac.access import perpetrator_policy
from marac.access.actor import Actor
from marac.agencies.models import Agency
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.perpetrators.models import Order, ProgrammeReferral, ProgrammeStatus, ProgrammeUpdate
from marac.perpetrators.order_services import case_closed_to_records, require_shared_case
from marac.referrals.models import Case, CaseParty, PartyRole

MAX_SESSIONS = 200


@dataclass
class ProgrammeInput:
    perpetrator_id: int | None
    programme_agency_id: int | None
    ordered_by: str
    referred_on: dt.date | None
    sessions_expected: int | None
    programme_name: str = ""
    order_id: int | None = None


@dataclass
class AttendanceInput:
    sessions_attended: int | None
    status: str
    dropout_reason: str = ""
    note: str = ""


def _referral_errors(*, case: Case, data: ProgrammeInput, today: dt.date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    perpetrators = set(
        CaseParty.objects.filter(case=case, role=PartyRole.PERPETRATOR).values_list("person_id", flat=True)
    )
    if data.perpetrator_id is None or data.perpetrator_id not in perpetrators:
        errors["perpetrator"] = [gettext("Choose the perpetrator referred, from this case's perpetrators.")]
    if (
        data.programme_agency_id is None
        or not Agency.objects.filter(pk=data.programme_agency_id, locality_id=case.locality_id, is_active=True).exists()
    ):
        errors["programme_agency"] = [
            gettext("Choose the agency that runs the programme, among the agencies of this area.")
        ]
    if (
        data.order_id is not None
        and not Order.objects.filter(pk=data.order_id, case=case, perpetrator_id=data.perpetrator_id).exists()
    ):
        errors["order"] = [gettext("Choose an order against this perpetrator on this case, or none.")]
    if not data.ordered_by.strip() and data.order_id is None:
        errors["ordered_by"] = [gettext("Enter the court that ordered the programme.")]
    if data.referred_on is None:
        errors["referred_on"] = [gettext("Enter the date of the referral.")]
    elif data.referred_on > today:
        errors["referred_on"] = [gettext("The referral cannot be in the future.")]
    if data.sessions_expected is None or not 1 <= data.sessions_expected <= MAX_SESSIONS:
        errors["sessions_expected"] = [
            gettext("Enter the number of sessions expected, from 1 to %(limit)s.") % {"limit": MAX_SESSIONS}
        ]
    return errors


def programme_refer(*, actor: Actor, case: Case, data: ProgrammeInput) -> ProgrammeReferral:
    """Record a court-ordered referral of one of the case's perpetrators to a programme."""
    require_shared_case(actor, case, "programme.record", "programme referrals")
    if reason := case_closed_to_records(case):
        raise ValidationError({NON_FIELD_ERRORS: reason})
    now = timezone.now()
    errors = _referral_errors(case=case, data=data, today=timezone.localdate(now))
    if errors:
        raise ValidationError(errors)
    ordered_by = data.ordered_by.strip()
    if not ordered_by:
        ordered_by = Order.objects.values_list("issued_by", flat=True).get(pk=data.order_id)
    with transaction.atomic():
        programme = ProgrammeReferral.objects.create(
            locality_id=case.locality_id,
            case=case,
            perpetrator_id=data.perpetrator_id,
            programme_agency_id=data.programme_agency_id,
            programme_name=data.programme_name.strip(),
            ordered_by=ordered_by,
            order_id=data.order_id,
            referred_on=data.referred_on,
            sessions_expected=data.sessions_expected,
            recorded_by=actor.user,
            recorded_at=now,
            updated_at=now,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=programme,
            case=case,
            summary="Recorded a court-ordered programme referral",
            detail={
                "perpetrator": programme.perpetrator_id,
                "programme_agency": programme.programme_agency_id,
                "order": programme.order_id,
                "sessions_expected": programme.sessions_expected,
            },
        )
    return programme


def _attendance_errors(*, programme: ProgrammeReferral, data: AttendanceInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    attended = data.sessions_attended
    if attended is None:
        errors["sessions_attended"] = [gettext("Enter the number of sessions attended so far.")]
    elif attended < programme.sessions_attended:
        errors["sessions_attended"] = [
            gettext("%(count)s sessions were reported attended before: the count cannot go down.")
            % {"count": programme.sessions_attended}
        ]
    elif attended > programme.sessions_expected:
        errors["sessions_attended"] = [
            gettext("The programme has %(count)s sessions: enter no more.") % {"count": programme.sessions_expected}
        ]
    if data.status not in ProgrammeStatus.values:
        errors["status"] = [gettext("Choose whether he is still attending, has completed or has dropped out.")]
    if data.status == ProgrammeStatus.DROPPED_OUT and not data.dropout_reason.strip():
        errors["dropout_reason"] = [gettext("Say why he dropped out.")]
    return errors


def programme_update(*, actor: Actor, programme: ProgrammeReferral, data: AttendanceInput) -> ProgrammeReferral:
    """Record the sessions attended so far and, once there is one, the outcome; each report is kept."""
    if not perpetrator_policy.may_update_programme(actor, programme):
        raise PermissionDenied("Only the programme's agency or the coordinator report on a programme.")
    if not perpetrator_policy.visible_programmes(actor).filter(pk=programme.pk).exists():
        raise PermissionDenied("This programme referral is not visible to you.")
    now = timezone.now()
    with transaction.atomic():
        programme = ProgrammeReferral.objects.select_for_update().get(pk=programme.pk)
        if not programme.is_open:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: gettext("This programme has ended (%(status)s).")
                    % {"status": programme.get_status_display().lower()}
                }
            )
        errors = _attendance_errors(programme=programme, data=data)
        if errors:
            raise ValidationError(errors)
        before = (programme.sessions_attended, programme.status)
        programme.sessions_attended = data.sessions_attended
        programme.status = data.status
        programme.dropout_reason = data.dropout_reason.strip() if data.status == ProgrammeStatus.DROPPED_OUT else ""
        programme.ended_on = None if programme.is_open else timezone.localdate(now)
        programme.updated_at = now
        programme.save(update_fields=["sessions_attended", "status", "dropout_reason", "ended_on", "updated_at"])
        ProgrammeUpdate.objects.create(
            programme=programme,
            sessions_attended=programme.sessions_attended,
            status=programme.status,
            note=data.note.strip(),
            agency=actor.agency,
            recorded_by=actor.user,
            recorded_at=now,
        )
        with translation.override(None):  # the audit trail is kept in English
            status = programme.get_status_display().lower()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=programme,
            case=programme.case,
            summary=f"Recorded programme attendance: {programme.sessions_attended} of {programme.sessions_expected} "
            f"sessions, {status}",
            detail={
                "sessions_attended_before": before[0],
                "sessions_attended": programme.sessions_attended,
                "status_before": before[1],
                "status": programme.status,
            },
        )
    return programme
