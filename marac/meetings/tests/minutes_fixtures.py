"""A closed meeting with two cases, each agency's actions and a review of an earlier action, for the minutes."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from marac.actions.models import ActionReview, ReviewReason
from marac.actions.tests.factories import ActionFactory
from marac.meetings.models import AgendaItem, Attendance, AttendanceStatus, Meeting, MeetingStatus
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory

POLICE_ACTION = "Flag the address for an urgent response to any call"
HOUSING_ACTION = "Move the family to a safe tenancy in another district"
IDVA_ACTION = "Agree a safety plan with the victim this week"
EARLIER_HOUSING_ACTION = "Repair the broken back door"
EARLIER_POLICE_ACTION = "Serve the non-molestation order"
RISK_SUMMARY = "Threats to kill since the separation; the children witnessed the last incident."
DISCUSSION = "Agencies agreed the risk has risen since the last meeting."


@dataclass
class ClosedMeeting:
    meeting: Meeting
    first: AgendaItem
    second: AgendaItem


def closed_meeting_with_cases(locale, count: int = 2) -> ClosedMeeting:
    """Police, housing and the IDVA service invited; police present, housing sent apologies and information."""
    now = timezone.now()
    meeting = MeetingFactory(
        locality=locale.locality,
        scheduled_for=now - dt.timedelta(days=1),
        invited=[locale.police, locale.housing, locale.idva_service],
        chair=locale.memberships["chair"].user,
    )
    earlier = MeetingFactory(
        locality=locale.locality, scheduled_for=now - dt.timedelta(days=60), status=MeetingStatus.CLOSED
    )
    Attendance.objects.create(
        meeting=meeting, agency=locale.police, attendee_name="Officer Synthetic", status=AttendanceStatus.PRESENT
    )
    Attendance.objects.create(
        meeting=meeting, agency=locale.housing, status=AttendanceStatus.APOLOGIES, information_sent=True
    )
    items = []
    for _ in range(count):
        item = AgendaItemFactory(
            meeting=meeting,
            referral__referring_agency=locale.police,
            referral__case__idva_agency=locale.idva_service,
            risk_summary=RISK_SUMMARY,
            discussion=DISCUSSION,
            discussed_at=now - dt.timedelta(days=1),
            outcome="monitoring",
        )
        earlier_item = AgendaItemFactory(meeting=earlier, referral=item.referral, case=item.case)
        for agency, text in ((locale.housing, EARLIER_HOUSING_ACTION), (locale.police, EARLIER_POLICE_ACTION)):
            earlier_action = ActionFactory(
                case=item.case,
                owner_agency=agency,
                agenda_item=earlier_item,
                text=text,
                created_at=earlier.scheduled_for,
            )
            ActionReview.objects.create(
                action=earlier_action,
                agenda_item=item,
                reason=ReviewReason.AGENCY_DID_NOT_ACT,
                note="Chased by the chair",
                reviewed_by=locale.memberships["chair"].user,
                reviewed_at=now,
            )
        for agency, text in (
            (locale.police, POLICE_ACTION),
            (locale.housing, HOUSING_ACTION),
            (locale.idva_service, IDVA_ACTION),
        ):
            ActionFactory(case=item.case, owner_agency=agency, agenda_item=item, text=text)
        items.append(item)
    meeting.status = MeetingStatus.CLOSED
    meeting.closed_at = now
    meeting.save(update_fields=["status", "closed_at"])
    return ClosedMeeting(meeting=meeting, first=items[0], second=items[-1])
