"""Telling each invited agency that its version of a closed meeting's minutes is ready.

The notice is a link, nothing more: the minutes stay in the application, where every view and download is
audited (`marac.meetings.minutes_views`). A MATAC meeting has no case minutes: it is left out.
"""

import datetime as dt

from django.db.models import Count, Prefetch
from django.utils import timezone

from marac.access.actor import Actor
from marac.agencies.models import Agency
from marac.meetings.models import Meeting, MeetingPurpose, MeetingStatus
from marac.notifications.content import meeting_facts, site_link
from marac.notifications.models import NoticeKind
from marac.notifications.services import Notice, SendReport, notices_send

# Meetings closed longer ago than this are left alone: on a first deployment, old minutes are not announced.
MINUTES_NOTICE_WINDOW_DAYS = 14


def minutes_notices_send(*, now: dt.datetime | None = None) -> SendReport:
    """Send each active invited agency of a recently closed meeting one notice that its minutes are ready.
    Running it again sends nothing twice."""
    now = now or timezone.now()
    meetings = (
        Meeting.objects.filter(
            purpose=MeetingPurpose.MARAC,
            status=MeetingStatus.CLOSED,
            closed_at__gte=now - dt.timedelta(days=MINUTES_NOTICE_WINDOW_DAYS),
        )
        .select_related("locality")
        .annotate(case_count=Count("agenda_items"))
        .prefetch_related(
            Prefetch(
                "invited_agencies", queryset=Agency.objects.filter(is_active=True).order_by("name"), to_attr="told"
            )
        )
        .order_by("closed_at", "pk")
    )
    notices = []
    for meeting in meetings:
        facts = meeting_facts(meeting, case_count=meeting.case_count, link=site_link("meetings:minutes", pk=meeting.pk))
        notices.extend(
            Notice(
                kind=NoticeKind.MINUTES,
                key=f"minutes:{meeting.pk}:{agency.pk}",
                locality=meeting.locality,
                agency=agency,
                meeting=meeting,
                facts=facts,
            )
            for agency in meeting.told
        )
    return notices_send(actor=Actor(user=None, membership=None), notices=notices, now=now)
