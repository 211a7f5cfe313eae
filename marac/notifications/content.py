"""What a notice may say: facts about a meeting or an action, never about the people in a case.

Templates receive only the plain values built here (names of the mechanism and of agencies, dates, counts, a
link), never a model instance, so no template can reach a victim's name through an attribute by mistake.
"""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat, timezone

from marac.agencies.models import Locality
from marac.meetings.models import Meeting

Facts = dict[str, str | int]

WHEN_FORMAT = "l j F Y, H:i"
DAY_FORMAT = "l j F Y"


def site_link(url_name: str, **kwargs: int) -> str:
    return f"{settings.MARAC_SITE_URL}{reverse(url_name, kwargs=kwargs)}"


def when(moment: dt.datetime | None) -> str:
    return dateformat.format(timezone.localtime(moment), WHEN_FORMAT) if moment else ""


def day(date: dt.date) -> str:
    return dateformat.format(date, DAY_FORMAT)


def locality_facts(locality: Locality) -> Facts:
    return {
        "mechanism": str(locality),
        "mechanism_name": locality.mechanism_name,
        "confidentiality_notice": locality.confidentiality_notice,
    }


def meeting_facts(meeting: Meeting, *, case_count: int, link: str) -> Facts:
    """The meeting as the notice describes it: when, what kind, how many cases, the research deadline."""
    return {
        **locality_facts(meeting.locality),
        "meeting_kind": meeting.get_mode_display(),
        "meeting_when": when(meeting.scheduled_for),
        "meeting_day": day(timezone.localdate(meeting.scheduled_for)),
        "case_count": case_count,
        "research_deadline": when(meeting.research_deadline),
        "link": link,
    }
