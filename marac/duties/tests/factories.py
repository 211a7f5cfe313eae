"""Protocol duties, disclosures and duties for tests, written directly (the services have their own tests)."""

import datetime as dt

from django.utils import timezone

from marac.agencies.models import Agency, Locality
from marac.duties.models import Duty, DutyStatus, EventKind, ProtocolDuty, ReportedEvent
from marac.referrals.models import Case
from marac.testing.factories import UserFactory


def protocol_lists(locality: Locality, *pairs: tuple[str, str]) -> None:
    """The locality's protocol asks agencies of each type to refer back after each event: (agency type, event)."""
    ProtocolDuty.objects.bulk_create(
        [ProtocolDuty(locality=locality, agency_type=agency_type, event_kind=kind) for agency_type, kind in pairs]
    )


def duty_on(
    case: Case,
    *,
    agency: Agency,
    kind: str = EventKind.DISCLOSURE,
    raised_hours_ago: float = 1,
    due_in_hours: float = 47,
    status: str = DutyStatus.OPEN,
    note: str = "She told the health visitor he had pushed her against the cot.",
    **fields,
) -> Duty:
    """A duty raised on the case for the agency, from a disclosure or a move recorded on it unless a source is given."""
    now = timezone.now()
    raised_at = now - dt.timedelta(hours=raised_hours_ago)
    user = fields.pop("raised_by", None) or UserFactory()
    sources = ("incident", "breach", "assessment", "reported_event")
    if kind in (EventKind.DISCLOSURE, EventKind.VICTIM_MOVED) and not any(name in fields for name in sources):
        fields["reported_event"] = ReportedEvent.objects.create(
            case=case,
            kind=kind,
            occurred_at=raised_at,
            note=note,
            agency=agency,
            recorded_by=user,
            recorded_at=raised_at,
        )
    return Duty.objects.create(
        locality=case.locality,
        case=case,
        agency=agency,
        event_kind=kind,
        event_at=raised_at,
        status=status,
        raised_at=raised_at,
        raised_by=user,
        due_at=now + dt.timedelta(hours=due_in_hours),
        **fields,
    )


def world_duty(world) -> Duty:
    """An open duty of the police (who referred the URL walk world's case) after a disclosure they recorded on it."""
    return duty_on(world.case, agency=world.referral.referring_agency)
