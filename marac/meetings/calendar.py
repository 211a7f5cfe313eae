"""Meetings as iCalendar events, for people's own calendars. No personal data ever goes in: no case, no name, and
no count of cases (which is why every meeting lasts the same two hours rather than a time per case)."""

import datetime as dt
from collections.abc import Callable, Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone
from icalendar import Calendar, Event

from marac.access import policy
from marac.access.actor import Actor, active_memberships
from marac.meetings.models import Meeting, MeetingMode

MEETING_LENGTH = dt.timedelta(hours=2)
FEED_PAST = dt.timedelta(days=31)
FEED_AHEAD = dt.timedelta(days=183)
PRODUCT_ID = "-//marac//Meeting calendar//EN"


def meeting_uid(meeting: Meeting) -> str:
    """The same for the meeting's whole life, so a calendar updates the event rather than adding a second one."""
    return f"meeting-{meeting.pk}@marac"


def meeting_summary(meeting: Meeting) -> str:
    locality = meeting.locality
    if meeting.is_matac:
        return f"{locality.name} MATAC – serial perpetrators"
    if meeting.mode == MeetingMode.COORDINATION:
        return f"{locality.name} {locality.mechanism_name} – co-ordination: updates and actions due"
    return f"{locality.name} {locality.mechanism_name} – {meeting.get_mode_display().lower()}"


def meeting_description(meeting: Meeting) -> str:
    mechanism = meeting.locality.mechanism_name
    if meeting.is_matac:
        return (
            f"MATAC meeting: the nominees and their profiles are in the {mechanism} application only, for the "
            "agencies invited. Open the meeting page to read them."
        )
    if meeting.mode == MeetingMode.COORDINATION:
        return (
            f"Co-ordination by deadline, without a live meeting: invited agencies post their updates and actions in "
            f"the {mechanism} application by this time. Open the meeting page to read the cases."
        )
    return (
        f"The case list and papers are in the {mechanism} application only, for the agencies invited. Open the "
        "meeting page to read them."
    )


def meeting_event(meeting: Meeting, *, url: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.scheduled_for)
    event.add("dtend", meeting.scheduled_for + MEETING_LENGTH)
    event.add("summary", meeting_summary(meeting))
    if meeting.location:
        event.add("location", meeting.location)
    event.add("url", url)
    event.add("description", meeting_description(meeting))
    event.add("class", "CONFIDENTIAL")
    # A closed or running meeting stays confirmed: the calendar keeps a true record of when it was held.
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def calendar_of(meetings: Iterable[Meeting], *, url_of: Callable[[Meeting], str], name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, url=url_of(meeting), stamp=stamp))
    return calendar.to_ical()


def _in_feed_window(meetings: QuerySet[Meeting], now: dt.datetime | None) -> QuerySet[Meeting]:
    now = now or timezone.now()
    return (
        meetings.filter(scheduled_for__gte=now - FEED_PAST, scheduled_for__lte=now + FEED_AHEAD)
        .select_related("locality")
        .order_by("scheduled_for", "pk")
    )


def calendar_meetings(*, actor: Actor, now: dt.datetime | None = None) -> QuerySet[Meeting]:
    """The actor's visible meetings from a month ago to six months ahead, soonest first."""
    return _in_feed_window(policy.visible_meetings(actor), now)


def subscribed_meetings(*, user: AbstractBaseUser, now: dt.datetime | None = None) -> QuerySet[Meeting]:
    """What a user's calendar subscription holds: the meetings they may see acting for any of their active
    memberships, from a month ago to six months ahead. Each membership is asked of the policy on its own, as if
    the user had switched to it."""
    visible = Meeting.objects.none()
    for membership in active_memberships(user):
        visible = visible | policy.visible_meetings(Actor(user=user, membership=membership))
    return _in_feed_window(visible, now)


def subscription_name(user: AbstractBaseUser) -> str:
    """The calendar's name in the app: the localities the user serves, without naming the user."""
    names = sorted({str(membership.agency.locality) for membership in active_memberships(user)})
    return f"{' and '.join(names)} meetings" if names else "Meetings"
