"""Co-ordinations by deadline for tests: a meeting in co-ordination mode with cases listed on it."""

import datetime as dt

from django.utils import timezone

from marac.meetings.models import AgendaItem, Meeting, MeetingMode, MeetingStatus
from marac.meetings.tests.factories import MeetingFactory


def coordination_meeting(
    locale, *, status: str = MeetingStatus.SCHEDULED, due_in: dt.timedelta, invited=None
) -> Meeting:
    """A co-ordination of the `locale` locality whose deadline is `due_in` from now; by default police, housing,
    the IDVA service and health are invited (children's social care is not)."""
    invited = invited if invited is not None else [locale.police, locale.housing, locale.idva_service, locale.health]
    deadline = timezone.now() + due_in
    return MeetingFactory(
        locality=locale.locality,
        mode=MeetingMode.COORDINATION,
        status=status,
        scheduled_for=deadline,
        started_at=timezone.now() if status != MeetingStatus.SCHEDULED else None,
        invited=invited,
    )


def coordination_item_for_world(world) -> AgendaItem:
    """The URL walk's case, also listed on a co-ordination not yet opened, with the upcoming meeting's invitations."""
    meeting = MeetingFactory(
        locality=world.case.locality,
        mode=MeetingMode.COORDINATION,
        scheduled_for=timezone.now() + dt.timedelta(days=10),
        invited=list(world.upcoming_meeting.invited_agencies.all()),
    )
    return AgendaItem.objects.create(meeting=meeting, case=world.case, referral=world.referral)
