"""What a notice may say: facts about a meeting or an action, never about the people in a case.

Templates receive only the plain values built here (names of the mechanism and of agencies, dates, counts, a
link), never a model instance, so no template can reach a victim's name through an attribute by mistake.

Facts are built before the notice is rendered, often by the scheduler with no language active, while the notice
is rendered in its locality's language (`services.render_notice`). So whatever reads differently by language, a
date or a choice's label, is a lazy string here: it takes its words from the language active when it is rendered.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import pgettext

from marac.agencies.models import Locality
from marac.meetings.models import Meeting

Facts = dict[str, str | int | Promise]


def site_link(url_name: str, **kwargs: int) -> str:
    return f"{settings.MARAC_SITE_URL}{reverse(url_name, kwargs=kwargs)}"


def _formatted_when(moment: dt.datetime) -> str:
    # The format is translated too: Spanish writes "lunes 2 de marzo de 2026", not "lunes 2 marzo 2026".
    return dateformat.format(timezone.localtime(moment), pgettext("date and time in an e-mail notice", "l j F Y, H:i"))


def _formatted_day(date: dt.date) -> str:
    return dateformat.format(date, pgettext("date in an e-mail notice", "l j F Y"))


_lazy_when = lazy(_formatted_when, str)
_lazy_day = lazy(_formatted_day, str)


def when(moment: dt.datetime | None) -> str | Promise:
    """The moment with its weekday, in the language the notice is rendered in; empty for none."""
    return _lazy_when(moment) if moment else ""


def day(date: dt.date) -> Promise:
    """The date with its weekday, in the language the notice is rendered in."""
    return _lazy_day(date)


def choice_label(instance: models.Model, field_name: str) -> str | Promise:
    """The label of the field's chosen value, still lazy. `get_FOO_display()` would translate it at once, in the
    language active when the facts are built rather than the one the notice is rendered in."""
    value = getattr(instance, field_name)
    return dict(instance._meta.get_field(field_name).flatchoices).get(value, str(value))


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
        "meeting_kind": choice_label(meeting, "mode"),
        "meeting_when": when(meeting.scheduled_for),
        "meeting_day": day(timezone.localdate(meeting.scheduled_for)),
        "case_count": case_count,
        "research_deadline": when(meeting.research_deadline),
        "link": link,
    }
