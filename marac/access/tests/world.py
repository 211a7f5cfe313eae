"""One case seen from every side: a referral, a held meeting, an upcoming one, an action and a report-back."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from marac.access.models import CaseExclusion
from marac.actions.models import Action
from marac.agencies.models import Role
from marac.circulation.models import Circulation
from marac.idva.models import ReportBack
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus
from marac.referrals.models import Case, CaseStatus, Referral
from marac.testing.factories import MembershipFactory, ReferralFactory


@dataclass
class World:
    referral: Referral
    case: Case
    held_meeting: Meeting
    upcoming_meeting: Meeting
    upcoming_item: AgendaItem
    action: Action
    report_back: ReportBack
    exclusion: CaseExclusion


def build_world(locale) -> World:
    """Police referred the case; police, housing and the IDVA service heard it; health is invited next time;
    children's social care was never involved; housing owns an action."""
    now = timezone.now()
    referral = ReferralFactory(
        case__locality=locale.locality,
        case__idva_agency=locale.idva_service,
        case__status=CaseStatus.LISTED,
        referring_agency=locale.police,
        referred_by=locale.memberships["police_referrer"].user,
    )
    case = referral.case
    held = Meeting.objects.create(
        locality=locale.locality, scheduled_for=now - dt.timedelta(days=28), status=MeetingStatus.CLOSED
    )
    held.invited_agencies.set([locale.police, locale.housing, locale.idva_service])
    held_item = AgendaItem.objects.create(meeting=held, case=case, referral=referral, outcome="monitoring")
    upcoming = Meeting.objects.create(locality=locale.locality, scheduled_for=now + dt.timedelta(days=7))
    upcoming.invited_agencies.set([locale.police, locale.housing, locale.idva_service, locale.health])
    upcoming_item = AgendaItem.objects.create(meeting=upcoming, case=case, referral=referral)
    # Its case list has gone to the invited agencies, who research it.
    Circulation.objects.create(meeting=upcoming, circulated_at=now)
    action = Action.objects.create(
        case=case,
        agenda_item=held_item,
        owner_agency=locale.housing,
        text="Fit a door viewer and new locks",
        due_date=timezone.localdate() + dt.timedelta(days=3),
        created_by=locale.memberships["coordinator"].user,
        created_at=now - dt.timedelta(days=28),
    )
    report_back = ReportBack.objects.create(
        case=case, meeting=held, agency=locale.idva_service, due_date=timezone.localdate() - dt.timedelta(days=26)
    )
    # A housing officer who is the victim's neighbour: barred from the case whatever her role.
    neighbour = MembershipFactory(agency=locale.housing, role=Role.AGENCY_REP, user__username="neighbour").user
    exclusion = CaseExclusion.objects.create(
        case=case, user=neighbour, reason="Neighbour of the victim", added_by=referral.referred_by, added_at=now
    )
    return World(referral, case, held, upcoming, upcoming_item, action, report_back, exclusion)
