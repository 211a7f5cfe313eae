"""Writes for meetings. One function per use case, one transaction each, each audited."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, override

from marac.access import policy
from marac.access.actor import Actor
from marac.agencies.models import Agency, Role
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.idva.models import ReportBack
from marac.meetings.declarations import CURRENT_DECLARATION
from marac.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CaseOutcome,
    Declaration,
    Meeting,
    MeetingMode,
    MeetingStatus,
    Research,
    ResearchFinding,
)
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
    if mode not in MeetingMode.values:
        raise ValidationError({"mode": gettext("Choose a live, co-ordination or emergency meeting.")})
    if not agencies:
        raise ValidationError({"invited_agencies": gettext("Invite at least one agency.")})
    if any(agency.locality_id != locality.pk for agency in agencies):
        raise ValidationError({"invited_agencies": gettext("Only agencies of this locality can be invited.")})
    if any(not agency.is_active for agency in agencies):
        raise ValidationError({"invited_agencies": gettext("Only active agencies can be invited.")})
    research_deadline = scheduled_for - dt.timedelta(days=locality.research_deadline_days)
    if mode == MeetingMode.EMERGENCY:
        # An emergency meeting is called at short notice: agencies research until it starts.
        research_deadline = scheduled_for
    with transaction.atomic():
        meeting = Meeting.objects.create(
            locality=locality,
            scheduled_for=scheduled_for,
            mode=mode,
            location=location.strip(),
            research_deadline=research_deadline,
        )
        meeting.invited_agencies.set(agencies)
        with override(None):  # the audit trail is kept in English
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
    if meeting.is_matac:
        raise ValidationError({"meeting": gettext("This is a MATAC meeting: list the case on a MARAC meeting.")})
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError(
            {"meeting": gettext("This meeting has closed; choose a meeting that has not taken place.")}
        )
    case: Case = referral.case
    if case.locality_id != meeting.locality_id:
        raise ValidationError({"meeting": gettext("The meeting belongs to another locality.")})
    with transaction.atomic():
        existing = AgendaItem.objects.filter(meeting=meeting, case=case).first()
        if existing is not None:
            return existing
        last_position = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem.objects.create(meeting=meeting, case=case, referral=referral, position=last_position + 1)
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.LISTED)
        case.status = CaseStatus.LISTED
        with override(None):  # the audit trail is kept in English
            audit_record(actor=actor, action=AuditAction.CREATE, target=item, case=case, summary=f"Listed on {meeting}")
    return item


def research_submit(*, actor: Actor, agenda_item: AgendaItem, finding: str, details: str) -> Research:
    """Post what the actor's agency found on a listed case. Posting again replaces the agency's research."""
    meeting = agenda_item.meeting
    details = details.strip()
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError({"finding": gettext("This meeting has closed; research can no longer be posted.")})
    if actor.agency is None or not meeting.invited_agencies.filter(pk=actor.agency.pk).exists():
        raise ValidationError({"finding": gettext("Only agencies invited to the meeting post research.")})
    if finding not in ResearchFinding.values:
        raise ValidationError({"finding": gettext("Choose whether the case is known to your agency.")})
    if finding == ResearchFinding.KNOWN and not details:
        raise ValidationError({"details": gettext("Describe what your agency knows about the people named.")})
    if finding == ResearchFinding.NO_TRACE:
        # "No trace" means nothing was found: keep no stray text that could be read as a finding.
        details = ""
    with transaction.atomic():
        research, created = Research.objects.update_or_create(
            agenda_item=agenda_item,
            agency=actor.agency,
            defaults={
                "finding": finding,
                "details": details,
                "submitted_by": actor.user,
                "submitted_at": timezone.now(),
            },
        )
        with override(None):  # the audit trail is kept in English
            audit_record(
                actor=actor,
                action=AuditAction.CREATE if created else AuditAction.UPDATE,
                target=research,
                case=agenda_item.case,
                summary=f"Research {ResearchFinding(finding).label.lower()} for {meeting}",
                detail={"agenda_item": agenda_item.pk, "finding": finding},
            )
    return research


def _locked_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def meeting_start(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Open the meeting: from now on invited agencies see what is shared at it."""
    with transaction.atomic():
        locked = _locked_meeting(meeting)
        if locked.status != MeetingStatus.SCHEDULED:
            raise ValidationError({"meeting": gettext("This meeting has already started.")})
        locked.status = MeetingStatus.IN_PROGRESS
        locked.started_at = timezone.now()
        if locked.chair_id is None and actor.role == Role.CHAIR:
            locked.chair = actor.user
        locked.save(update_fields=["status", "started_at", "chair"])
        with override(None):  # the audit trail is kept in English
            audit_record(actor=actor, action=AuditAction.UPDATE, target=locked, summary=f"Started {locked}")
    meeting.status, meeting.started_at, meeting.chair_id = locked.status, locked.started_at, locked.chair_id
    return meeting


def declaration_confirm(*, actor: Actor, meeting: Meeting) -> Declaration:
    """Record that the actor will keep what is shared at the meeting confidential and use it only to reduce risk.

    Asked of everyone who opens the meeting's cases while it is in progress. Confirming again returns the first
    declaration: one record per person and agency, with the wording they confirmed.
    """
    if meeting.status != MeetingStatus.IN_PROGRESS:
        message = (
            gettext("This meeting has closed; there is nothing more to confirm.")
            if meeting.status == MeetingStatus.CLOSED
            else gettext("The meeting has not started. You confirm this when it starts.")
        )
        raise ValidationError({"meeting": message})
    agency = actor.agency
    if agency is None or agency.locality_id != meeting.locality_id:
        raise ValidationError({"meeting": gettext("Only members of this meeting's locality confirm the declaration.")})
    runs_meetings = policy.has_permission(actor, "meeting.run")
    if not runs_meetings and not meeting.invited_agencies.filter(pk=agency.pk).exists():
        raise ValidationError({"meeting": gettext("Only agencies invited to the meeting confirm the declaration.")})
    with transaction.atomic():
        declaration, created = Declaration.objects.get_or_create(
            meeting=meeting,
            user=actor.user,
            agency=agency,
            defaults={
                "role": actor.role,
                "text_version": CURRENT_DECLARATION.version,
                "confirmed_at": timezone.now(),
            },
        )
        if created:
            with override(None):  # the audit trail is kept in English
                audit_record(
                    actor=actor,
                    action=AuditAction.CREATE,
                    target=declaration,
                    summary=f"Confirmed the confidentiality declaration for {meeting}",
                    detail={"meeting": meeting.pk, "text_version": declaration.text_version},
                )
    return declaration


@dataclass(frozen=True)
class AttendanceEntry:
    agency: Agency
    status: str
    attendee_name: str = ""
    information_sent: bool = False


def attendance_record(*, actor: Actor, meeting: Meeting, entries: Iterable[AttendanceEntry]) -> list[Attendance]:
    """Record who attended for each invited agency; recording an agency again replaces its entry."""
    entries = list(entries)
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError({"meeting": gettext("This meeting has closed; its attendance can no longer change.")})
    invited = set(meeting.invited_agencies.values_list("pk", flat=True))
    for entry in entries:
        if entry.agency.pk not in invited:
            raise ValidationError(
                {"agency": gettext("%(agency)s was not invited to this meeting.") % {"agency": entry.agency}}
            )
        if entry.status not in AttendanceStatus.values:
            raise ValidationError(
                {"status": gettext("Choose present, apologies or absent for %(agency)s.") % {"agency": entry.agency}}
            )
        if entry.status == AttendanceStatus.PRESENT and not entry.attendee_name.strip():
            raise ValidationError(
                {
                    "attendee_name": gettext("Give the name of the person present for %(agency)s.")
                    % {"agency": entry.agency}
                }
            )
    with transaction.atomic():
        recorded = [
            Attendance.objects.update_or_create(
                meeting=meeting,
                agency=entry.agency,
                defaults={
                    "status": entry.status,
                    "attendee_name": entry.attendee_name.strip(),
                    "information_sent": entry.information_sent,
                },
            )[0]
            for entry in entries
        ]
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=meeting,
            summary=f"Recorded attendance of {len(recorded)} agencies",
            detail={"attendance": {str(entry.agency.pk): entry.status for entry in entries}},
        )
    return recorded


def agenda_item_record_discussion(
    *, actor: Actor, agenda_item: AgendaItem, discussion: str, risk_summary: str
) -> AgendaItem:
    """Record what the meeting discussed and the chair's summary of risk; the case has now been heard."""
    discussion, risk_summary = discussion.strip(), risk_summary.strip()
    if agenda_item.meeting.status != MeetingStatus.IN_PROGRESS:
        raise ValidationError({"discussion": gettext("Discussion is recorded while the meeting is in progress.")})
    if not risk_summary:
        raise ValidationError({"risk_summary": gettext("Write the chair's summary of the risk.")})
    with transaction.atomic():
        created = agenda_item.discussed_at is None
        now = timezone.now()
        agenda_item.discussion = discussion
        agenda_item.risk_summary = risk_summary
        agenda_item.discussed_at = agenda_item.discussed_at or now
        # Saving the discussion stops the case's clock; saving it again later does not move the end.
        agenda_item.discussion_ended_at = agenda_item.discussion_ended_at or now
        agenda_item.save(update_fields=["discussion", "risk_summary", "discussed_at", "discussion_ended_at"])
        # A transferred case belongs to another locality's process now; its status is theirs to change.
        Case.objects.filter(pk=agenda_item.case_id).exclude(status=CaseStatus.TRANSFERRED).update(
            status=CaseStatus.HEARD
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            target=agenda_item,
            case=agenda_item.case,
            summary="Recorded the discussion and risk summary",
        )
    return agenda_item


def agenda_item_save_draft(*, actor: Actor, agenda_item: AgendaItem, discussion: str, risk_summary: str) -> AgendaItem:
    """Keep what the chair has typed so far, so that nothing is lost if the browser closes.

    A draft: the risk summary may still be empty and the case is not heard until the discussion is saved with
    `agenda_item_record_discussion`. Saving what is already saved writes and records nothing.
    """
    discussion, risk_summary = discussion.strip(), risk_summary.strip()
    if agenda_item.meeting.status != MeetingStatus.IN_PROGRESS:
        raise ValidationError({"discussion": gettext("Drafts are saved only while the meeting is in progress.")})
    if agenda_item.discussed_at is not None and not risk_summary:
        raise ValidationError(
            {"risk_summary": gettext("This case has been heard: keep the chair's summary of the risk.")}
        )
    if (discussion, risk_summary) == (agenda_item.discussion, agenda_item.risk_summary):
        return agenda_item
    with transaction.atomic():
        # Only the two texts: a draft never touches whether, or when, the case was heard.
        AgendaItem.objects.filter(pk=agenda_item.pk).update(discussion=discussion, risk_summary=risk_summary)
        agenda_item.discussion, agenda_item.risk_summary = discussion, risk_summary
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=agenda_item,
            case=agenda_item.case,
            summary="Saved a draft of the discussion and risk summary",
            detail={"draft": True},
        )
    return agenda_item


def _clock_running_elsewhere(agenda_item: AgendaItem) -> bool:
    return (
        AgendaItem.objects.filter(
            meeting_id=agenda_item.meeting_id, discussion_started_at__isnull=False, discussion_ended_at__isnull=True
        )
        .exclude(pk=agenda_item.pk)
        .exists()
    )


def agenda_item_open(*, actor: Actor, agenda_item: AgendaItem, leaving: AgendaItem | None = None) -> AgendaItem:
    """The chair or coordinator opens a case at the live meeting: start its clock, and stop the clock of the case
    the meeting is `leaving` for it.

    The clock starts once, the first time a runner opens the case while the meeting is in progress and no other
    case's clock is running, or when the runner moves on to it from the case being discussed. So glancing at
    another case during a discussion starts nothing, and reopening a case never resets its clock.
    """
    meeting = agenda_item.meeting
    if meeting.status != MeetingStatus.IN_PROGRESS or not policy.has_permission(actor, "meeting.run"):
        return agenda_item
    if leaving is not None and (leaving.meeting_id != meeting.pk or leaving.pk == agenda_item.pk):
        leaving = None
    starts = agenda_item.discussion_started_at is None and agenda_item.discussed_at is None
    ends = leaving is not None and leaving.discussion_started_at is not None and leaving.discussion_ended_at is None
    if not (starts or ends):
        return agenda_item
    with transaction.atomic():
        now = timezone.now()
        # Conditional updates: two runners opening the same case at once start its clock once.
        if ends and AgendaItem.objects.filter(pk=leaving.pk, discussion_ended_at__isnull=True).update(
            discussion_ended_at=now
        ):
            leaving.discussion_ended_at = now
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                target=leaving,
                case=leaving.case,
                summary="Moved on to the next case: the clock of this case stopped",
                detail={"discussion_ended_at": now.isoformat(), "next_item": agenda_item.pk},
            )
        if (
            starts
            and not _clock_running_elsewhere(agenda_item)
            and AgendaItem.objects.filter(pk=agenda_item.pk, discussion_started_at__isnull=True).update(
                discussion_started_at=now
            )
        ):
            agenda_item.discussion_started_at = now
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                target=agenda_item,
                case=agenda_item.case,
                summary="Opened the case at the meeting: its clock started",
                detail={"discussion_started_at": now.isoformat()},
            )
    return agenda_item


def meeting_close(*, actor: Actor, meeting: Meeting, outcomes: dict[int, str]) -> Meeting:
    """Close the meeting with an outcome for every case on it; set up each IDVA's report-back to the victim.

    `outcomes` maps each agenda item's id to a `CaseOutcome` value.
    """
    with transaction.atomic():
        locked = _locked_meeting(meeting)
        if locked.status != MeetingStatus.IN_PROGRESS:
            message = (
                gettext("This meeting has already closed.")
                if locked.status == MeetingStatus.CLOSED
                else gettext("Start the meeting first.")
            )
            raise ValidationError({"meeting": message})
        items = list(locked.agenda_items.select_related("case__idva_agency", "case__victim"))
        missing = [item for item in items if outcomes.get(item.pk) not in CaseOutcome.values]
        if missing:
            raise ValidationError(
                {
                    "outcomes": [
                        gettext("Choose an outcome for %(case)s.") % {"case": item.case.reference} for item in missing
                    ]
                }
            )
        unknown = set(outcomes) - {item.pk for item in items}
        if unknown:
            raise ValidationError({"outcomes": gettext("Outcomes were given for cases that are not on this agenda.")})

        now = timezone.now()
        today = timezone.localdate()
        due_date = today + dt.timedelta(days=locked.locality.report_back_due_days)
        existing_report_backs = set(ReportBack.objects.filter(meeting=locked).values_list("case_id", flat=True))
        report_backs = []
        for item in items:
            item.outcome = outcomes[item.pk]
            if item.discussion_started_at is not None and item.discussion_ended_at is None:
                # The case still on the clock when the meeting closes: its discussion ends with the meeting.
                item.discussion_ended_at = now
            case = item.case
            if case.status != CaseStatus.TRANSFERRED:
                if item.outcome == CaseOutcome.CLOSED:
                    case.status, case.closed_at = CaseStatus.CLOSED, now
                else:
                    case.status, case.closed_at = CaseStatus.MONITORING, None
            if case.idva_agency_id is not None and case.pk not in existing_report_backs:
                report_backs.append(ReportBack(case=case, meeting=locked, agency=case.idva_agency, due_date=due_date))
        AgendaItem.objects.bulk_update(items, ["outcome", "discussion_ended_at"])
        Case.objects.bulk_update([item.case for item in items], ["status", "closed_at"])
        ReportBack.objects.bulk_create(report_backs)

        locked.status = MeetingStatus.CLOSED
        locked.closed_at = now
        locked.save(update_fields=["status", "closed_at"])
        with override(None):  # the audit trail is kept in English
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                target=locked,
                summary=f"Closed {locked}",
                detail={
                    "outcomes": {str(item.pk): item.outcome for item in items},
                    "report_backs": [report_back.case_id for report_back in report_backs],
                },
            )
        for item in items:
            with override(None):  # the audit trail is kept in English
                audit_record(
                    actor=actor,
                    action=AuditAction.UPDATE,
                    target=item.case,
                    case=item.case,
                    summary=f"Outcome at {locked}: {CaseOutcome(item.outcome).label}",
                )
    meeting.status, meeting.closed_at = locked.status, locked.closed_at
    return meeting
