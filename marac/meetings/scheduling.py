"""Regular meetings planned by each locality's cadence; `manage.py schedule_meetings` runs this daily.

A locality's regular meetings (live, or co-ordination by deadline where the locality runs that by default) follow
on from its last regular meeting, `meeting_cadence_days` apart, at `meeting_time` local time, up to
`schedule_ahead_days` ahead. Emergency meetings are called by hand and never move the rhythm.

The plan only ever grows beyond the last regular meeting, and beyond the last meeting the scheduler itself planned
(`Locality.regular_meetings_planned_until`). So a coordinator who moves a planned meeting keeps it where she put it (the
rhythm follows on from it if it was the last), and one she cancels is not planned again. Running twice plans
nothing twice.

MATAC meetings (`MeetingPurpose.MATAC`) are planned by hand on their own four-weekly rhythm (`marac.matac`): they
neither count as a regular meeting here nor move this rhythm.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import override

from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.meetings.models import Meeting, MeetingMode, MeetingPurpose

# Marks the scheduler's own audit events.
PLANNED_BY_CADENCE = "cadence"
REGULAR_MODES = (MeetingMode.LIVE, MeetingMode.COORDINATION)
SATURDAY = 5


def regular_mode(locality: Locality) -> str:
    return MeetingMode.COORDINATION if locality.coordination_by_default else MeetingMode.LIVE


def local_start(locality: Locality, day: dt.date) -> dt.datetime:
    """The locality's meeting time on `day`, in the locality's local time (the site's time zone), so a meeting
    stays at 10:00 on both sides of a change to or from summer time."""
    return timezone.make_aware(dt.datetime.combine(day, locality.meeting_time), timezone.get_default_timezone())


def _next_weekday_after(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while day.weekday() >= SATURDAY:
        day += dt.timedelta(days=1)
    return day


def _last_regular(locality: Locality) -> dt.datetime | None:
    return (
        Meeting.objects.filter(locality=locality, mode__in=REGULAR_MODES, purpose=MeetingPurpose.MARAC)
        .order_by("-scheduled_for")
        .values_list("scheduled_for", flat=True)
        .first()
    )


def regular_dates_due(locality: Locality, *, today: dt.date, follows: dt.datetime | None) -> list[dt.date]:
    """The dates of the regular meetings still to plan: one cadence after `follows` (or the next weekday after today
    when there is nothing to follow), then every cadence, up to the horizon. A rhythm that lapsed is picked up
    again from its next date after today: no meeting is planned in the past."""
    cadence = dt.timedelta(days=locality.meeting_cadence_days)
    horizon = today + dt.timedelta(days=locality.schedule_ahead_days)
    if cadence <= dt.timedelta(0):
        return []
    if follows is None:
        day = _next_weekday_after(today)
    else:
        day = timezone.localdate(follows) + cadence
        while day <= today:
            day += cadence
    dates = []
    while day <= horizon:
        dates.append(day)
        day += cadence
    return dates


def locality_meetings_plan(*, locality: Locality, now: dt.datetime | None = None) -> list[Meeting]:
    """Plan the locality's regular meetings up to its horizon, each inviting every active agency; returns the
    meetings created. Validated and audited as when a coordinator schedules a meeting, by the system."""
    now = now or timezone.now()
    actor = Actor(user=None, membership=None)
    with transaction.atomic():
        # Two overlapping runs queue here: the second then sees the first one's meetings and plans nothing.
        locality = Locality.objects.select_for_update().get(pk=locality.pk)
        agencies = list(locality.agencies.filter(is_active=True).order_by("pk"))
        if not agencies:
            return []
        planned = (_last_regular(locality), locality.regular_meetings_planned_until)
        follows = max((moment for moment in planned if moment), default=None)
        mode = regular_mode(locality)
        # A co-ordination has no room: its date is the deadline for agencies' updates.
        location = locality.meeting_location.strip() if mode == MeetingMode.LIVE else ""
        created = []
        for day in regular_dates_due(locality, today=timezone.localdate(now), follows=follows):
            scheduled_for = local_start(locality, day)
            meeting = Meeting.objects.create(
                locality=locality,
                scheduled_for=scheduled_for,
                mode=mode,
                location=location,
                research_deadline=scheduled_for - dt.timedelta(days=locality.research_deadline_days),
            )
            meeting.invited_agencies.set(agencies)
            with override(None):  # the audit trail is kept in English
                audit_record(
                    actor=actor,
                    action=AuditAction.CREATE,
                    target=meeting,
                    summary=f"Planned {meeting} by the locality's cadence",
                    detail={
                        "invited_agencies": [agency.pk for agency in agencies],
                        "planned_by": PLANNED_BY_CADENCE,
                        "locality": locality.pk,
                        "scheduled_for": scheduled_for.isoformat(),
                    },
                )
            created.append(meeting)
        if created:
            locality.regular_meetings_planned_until = created[-1].scheduled_for
            locality.save(update_fields=["regular_meetings_planned_until"])
    return created


def regular_meetings_plan(*, now: dt.datetime | None = None) -> list[Meeting]:
    """Plan every locality's regular meetings; returns the meetings created, by locality."""
    created = []
    for locality in Locality.objects.order_by("pk"):
        created.extend(locality_meetings_plan(locality=locality, now=now))
    return created
