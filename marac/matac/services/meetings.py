"""MATAC meetings: a `Meeting` with the MATAC purpose, planned by hand by the coordinator every four weeks or so,
whose agenda is the selected nominees. Starting, attendance, declarations and closing are the meeting machinery's
own (`marac.meetings.services`); what a MATAC meeting adds is its agenda and what it says about each nominee.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.agencies.models import Agency, Locality
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.matac.models import MatacListing, Nomination, NominationStatus
from marac.meetings import services as meeting_services
from marac.meetings.models import Meeting, MeetingMode, MeetingPurpose, MeetingStatus
from marac.meetings.scheduling import local_start

# MATAC meets every four weeks (domain.md §4): the date suggested for the next meeting.
MATAC_CADENCE_DAYS = 28
SATURDAY = 5


def _weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= SATURDAY:
        day += dt.timedelta(days=1)
    return day


def matac_next_date(*, locality: Locality, today: dt.date | None = None) -> dt.datetime:
    """The date and time to suggest for the next MATAC meeting: four weeks after the last one, moved on by four
    weeks at a time until it is after today; with none before, a week from today. Always a weekday, at the
    locality's meeting time."""
    today = today or timezone.localdate()
    last = (
        Meeting.objects.filter(locality=locality, purpose=MeetingPurpose.MATAC)
        .order_by("-scheduled_for")
        .values_list("scheduled_for", flat=True)
        .first()
    )
    cadence = dt.timedelta(days=MATAC_CADENCE_DAYS)
    if last is None:
        day = today + dt.timedelta(days=7)
    else:
        day = timezone.localdate(last) + cadence
        while day <= today:
            day += cadence
    return local_start(locality, _weekday_on_or_after(day))


def matac_meeting_plan(
    *,
    actor: Actor,
    scheduled_for: dt.datetime,
    location: str = "",
    invited_agencies: Iterable[Agency] | None = None,
) -> Meeting:
    """Plan a MATAC meeting of the actor's locality. By default every active agency is invited."""
    if not policy.has_permission(actor, "meeting.schedule"):
        raise PermissionDenied("Only the coordinator plans MATAC meetings.")
    locality = actor.locality
    agencies = (
        list(invited_agencies) if invited_agencies is not None else list(locality.agencies.filter(is_active=True))
    )
    errors: dict[str, str] = {}
    if scheduled_for <= timezone.now():
        errors["date"] = gettext("A MATAC meeting is planned for a date and time in the future.")
    if not agencies:
        errors["invited_agencies"] = gettext("Invite at least one agency.")
    elif any(agency.locality_id != locality.pk or not agency.is_active for agency in agencies):
        errors["invited_agencies"] = gettext("Only active agencies of this area can be invited.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            locality=locality,
            scheduled_for=scheduled_for,
            mode=MeetingMode.LIVE,
            purpose=MeetingPurpose.MATAC,
            location=location.strip(),
        )
        meeting.invited_agencies.set(agencies)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=meeting,
            summary=f"Planned {in_english(meeting)}",
            detail={"invited_agencies": [agency.pk for agency in agencies], "purpose": MeetingPurpose.MATAC},
        )
    return meeting


def _require_matac(meeting: Meeting, field: str = "meeting") -> None:
    if not meeting.is_matac:
        raise ValidationError({field: gettext("This is a MARAC meeting: nominees are listed on MATAC meetings only.")})


def matac_listing_add(*, actor: Actor, meeting: Meeting, nomination: Nomination) -> MatacListing:
    """Put a selected nominee on the agenda of a MATAC meeting that has not closed. Listing him again where he is
    changes nothing."""
    if not policy.has_permission(actor, "matac.select"):
        raise PermissionDenied("Only the coordinator and the chair set the MATAC agenda.")
    _require_matac(meeting, "nomination")
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError(
            {"nomination": gettext("This meeting has closed; choose a meeting that has not taken place.")}
        )
    if nomination.locality_id != meeting.locality_id:
        raise ValidationError({"nomination": gettext("The nominee belongs to another area.")})
    if nomination.status != NominationStatus.SELECTED:
        raise ValidationError({"nomination": gettext("Only a selected nominee is discussed at a MATAC meeting.")})
    with transaction.atomic():
        existing = MatacListing.objects.filter(meeting=meeting, nomination=nomination).first()
        if existing is not None:
            return existing
        last_position = meeting.matac_listings.aggregate(last=Max("position"))["last"] or 0
        listing = MatacListing.objects.create(
            meeting=meeting, nomination=nomination, position=last_position + 1, listed_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=listing,
            summary=f"Listed a MATAC nominee on {in_english(meeting)}",
            detail={"meeting": meeting.pk, "nomination": nomination.pk, "person": nomination.person_id},
        )
    return listing


def matac_listing_record_discussion(*, actor: Actor, listing: MatacListing, discussion: str) -> MatacListing:
    """What the MATAC meeting said about the nominee: his behaviour since the last meeting and the tactics."""
    if not policy.has_permission(actor, "meeting.run"):
        raise PermissionDenied("Only the coordinator and the chair record the discussion.")
    discussion = discussion.strip()
    if listing.meeting.status != MeetingStatus.IN_PROGRESS:
        raise ValidationError({"discussion": gettext("The discussion is recorded while the meeting is in progress.")})
    if not discussion:
        raise ValidationError({"discussion": gettext("Write what the meeting said about him.")})
    with transaction.atomic():
        created = listing.discussed_at is None
        listing.discussion = discussion
        listing.discussed_at = listing.discussed_at or timezone.now()
        listing.save(update_fields=["discussion", "discussed_at"])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            target=listing,
            summary="Recorded the MATAC discussion of a nominee",
            detail={"meeting": listing.meeting_id, "nomination": listing.nomination_id},
        )
    return listing


def matac_meeting_start(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Open the MATAC meeting (the meeting machinery's start): invited agencies now see what is shared at it."""
    _require_matac(meeting)
    if not policy.has_permission(actor, "meeting.run"):
        raise PermissionDenied("Only the coordinator and the chair start a meeting.")
    return meeting_services.meeting_start(actor=actor, meeting=meeting)


def matac_meeting_close(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Close the MATAC meeting (the meeting machinery's close). It has no case on it, so no case outcome and no
    report-back: what it agreed are the nominees' actions."""
    _require_matac(meeting)
    if not policy.has_permission(actor, "meeting.run"):
        raise PermissionDenied("Only the coordinator and the chair close a meeting.")
    return meeting_services.meeting_close(actor=actor, meeting=meeting, outcomes={})
