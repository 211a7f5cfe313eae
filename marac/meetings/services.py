"""Writes for meetings. One function per use case, one transaction each, each audited."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from marac.access.actor import Actor
from marac.agencies.models import Agency
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.meetings.models import AgendaItem, Meeting, MeetingMode, MeetingStatus
from marac.referrals.models import Case, CaseStatus, Referral


def meeting_schedule(
    *,
    actor: Actor,
    scheduled_for: dt.datetime,
    mode: str = MeetingMode.LIVE,
    location: str = "",
    invited_agencies: Iterable[Agency] | None = None,
) -> Meeting:
    """Schedule a meeting of the actor's locality. By default every active member agency is invited."""
    locality = actor.locality
    agencies = (
        list(invited_agencies) if invited_agencies is not None else list(locality.agencies.filter(is_active=True))
    )
    if any(agency.locality_id != locality.pk for agency in agencies):
        raise ValidationError({"invited_agencies": "Only agencies of this locality can be invited."})
    with transaction.atomic():
        meeting = Meeting.objects.create(
            locality=locality,
            scheduled_for=scheduled_for,
            mode=mode,
            location=location,
            research_deadline=scheduled_for - dt.timedelta(days=locality.research_deadline_days),
        )
        meeting.invited_agencies.set(agencies)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=meeting,
            summary=f"Scheduled {meeting}",
            detail={"invited_agencies": [agency.pk for agency in agencies]},
        )
    return meeting


def agenda_item_add(*, actor: Actor, meeting: Meeting, referral: Referral) -> AgendaItem:
    """List a referral's case on a meeting that has not closed; the case becomes 'listed'."""
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError({"meeting": "This meeting has closed; choose a meeting that has not taken place."})
    case: Case = referral.case
    if case.locality_id != meeting.locality_id:
        raise ValidationError({"meeting": "The meeting belongs to another locality."})
    with transaction.atomic():
        existing = AgendaItem.objects.filter(meeting=meeting, case=case).first()
        if existing is not None:
            return existing
        last_position = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem.objects.create(meeting=meeting, case=case, referral=referral, position=last_position + 1)
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.LISTED)
        case.status = CaseStatus.LISTED
        audit_record(actor=actor, action=AuditAction.CREATE, target=item, case=case, summary=f"Listed on {meeting}")
    return item
