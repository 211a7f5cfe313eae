"""Putting a referred case through a meeting, for the case page tests."""

import datetime as dt

from django.utils import timezone

from marac.actions.models import Action
from marac.circulation.models import Circulation
from marac.idva.models import ContactMethod, VictimContact
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus, Research, ResearchFinding


def hold_meeting(
    locale, referral, *, status=MeetingStatus.CLOSED, invited=("police", "housing", "health")
) -> AgendaItem:
    meeting = Meeting.objects.create(
        locality=locale.locality, scheduled_for=timezone.now() - dt.timedelta(days=1), status=status
    )
    meeting.invited_agencies.set([getattr(locale, name) for name in invited])
    # The case list of a meeting that has not started reaches its agencies once it is circulated.
    Circulation.objects.create(meeting=meeting, circulated_at=meeting.scheduled_for - dt.timedelta(days=7))
    return AgendaItem.objects.create(
        meeting=meeting,
        case=referral.case,
        referral=referral,
        risk_summary="Agreed: high risk of serious harm.",
        discussion="Police will flag the address; housing will fit new locks.",
    )


def add_research(locale, item, agency_name: str, details: str = "Two call-outs this spring.") -> Research:
    return Research.objects.create(
        agenda_item=item,
        agency=getattr(locale, agency_name),
        finding=ResearchFinding.KNOWN,
        details=details,
        submitted_by=locale.memberships["coordinator"].user,
        submitted_at=timezone.now(),
    )


def add_action(locale, case, agency_name: str, text: str) -> Action:
    return Action.objects.create(
        case=case,
        owner_agency=getattr(locale, agency_name),
        text=text,
        due_date=timezone.localdate() + dt.timedelta(days=28),
        created_by=locale.memberships["coordinator"].user,
        created_at=timezone.now(),
    )


def add_contact(locale, case, views: str = "She wants the locks changed first.") -> VictimContact:
    return VictimContact.objects.create(
        case=case,
        agency=locale.idva_service,
        recorded_by=locale.memberships["idva"].user,
        contacted_at=timezone.now(),
        method=ContactMethod.PHONE,
        victim_views=views,
    )
