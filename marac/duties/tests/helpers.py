"""A case the mechanism knows, heard with the police, housing and the IDVA service, and a protocol with duties."""

import datetime as dt
import html

from django.utils import timezone

from marac.agencies.models import AgencyType
from marac.duties.models import EventKind
from marac.duties.tests.factories import protocol_lists
from marac.incidents.tests.helpers import Scene, scene
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus
from marac.referrals.models import CaseStatus

PROTOCOL = (
    (AgencyType.HOUSING, EventKind.DISCLOSURE),
    (AgencyType.HOUSING, EventKind.VICTIM_MOVED),
    (AgencyType.HOUSING, EventKind.NEW_INCIDENT),
    (AgencyType.POLICE, EventKind.NEW_INCIDENT),
    (AgencyType.POLICE, EventKind.BREACH),
    (AgencyType.POLICE, EventKind.RISK_CHANGE),
    (AgencyType.IDVA_SERVICE, EventKind.RISK_CHANGE),
    (AgencyType.IDVA_SERVICE, EventKind.DISCLOSURE),
)


def known_case(locale, *, referred_months_ago: int = 2, status: str = CaseStatus.MONITORING) -> Scene:
    """The police referred her some months ago; a meeting with the police, housing and the IDVA service heard the
    case, which the IDVA service holds and is now monitored. The locality's protocol lists `PROTOCOL`."""
    s = scene(locale, referred_months_ago=referred_months_ago, status=status)
    held = Meeting.objects.create(
        locality=locale.locality, scheduled_for=timezone.now() - dt.timedelta(days=21), status=MeetingStatus.CLOSED
    )
    held.invited_agencies.set([locale.police, locale.housing, locale.idva_service])
    AgendaItem.objects.create(meeting=held, case=s.case, referral=s.referral, outcome="monitoring")
    protocol_lists(locale.locality, *PROTOCOL)
    return s


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def event_post(*, kind: str = EventKind.DISCLOSURE, hours_ago: int = 2, note: str = "") -> dict[str, str]:
    when = timezone.localtime() - dt.timedelta(hours=hours_ago)
    return {
        "kind": kind,
        "occurred_on": when.date().isoformat(),
        "occurred_time": when.strftime("%H:%M"),
        "note": note or "She told the housing officer he has been coming to the flat at night again.",
    }
