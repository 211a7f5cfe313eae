"""Small helpers for page templates: `{% load marac_tags %}`.

Filters
- `tag_colour`: a status, level or outcome value → the GOV.UK tag modifier class for it (or "" for the default blue):
  `<strong class="govuk-tag {{ case.status|tag_colour }}">{{ case.get_status_display }}</strong>`.
- `display_date`: a date or datetime → "5 March 2026" (datetimes in the local time zone).
- `display_datetime`: a datetime → "5 March 2026 at 2:30pm" (local time zone; "midnight", "midday").
- `display_time`: a datetime or time → "2:30pm".

Tags
- `{% status_tag value label %}`: the whole `<strong class="govuk-tag …">label</strong>`.
"""

import datetime

from django import template
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

# Status values from every app's choices, by meaning: what needs attention is red or orange, what is moving is the
# default blue (""), what is done is green, what ended without effect is grey. Unknown values get the default blue.
TAG_COLOURS: dict[str, str] = {
    # risk levels
    "high": "govuk-tag--red",
    "medium": "govuk-tag--orange",
    "standard": "govuk-tag--grey",
    # cases
    "referred": "",
    "listed": "govuk-tag--purple",
    "heard": "govuk-tag--teal",
    "monitoring": "govuk-tag--yellow",
    "closed": "govuk-tag--grey",
    "transferred": "govuk-tag--grey",
    # referral triage
    "pending": "govuk-tag--orange",
    "declined": "govuk-tag--grey",
    "more_information": "govuk-tag--yellow",
    # actions
    "open": "govuk-tag--orange",
    "in_progress": "",
    "done": "govuk-tag--green",
    "not_possible": "govuk-tag--grey",
    "overdue": "govuk-tag--red",
    # meetings
    "scheduled": "",
    # attendance and research
    "present": "govuk-tag--green",
    "apologies": "govuk-tag--yellow",
    "absent": "govuk-tag--red",
    "no_trace": "govuk-tag--grey",
    "known": "govuk-tag--purple",
    # consent
    "given": "govuk-tag--green",
    "not_sought": "govuk-tag--yellow",
    "refused": "govuk-tag--red",
}


@register.filter
def tag_colour(value: object) -> str:
    """The GOV.UK tag modifier class for a status value, or "" (the default blue) for one we have no colour for."""
    return TAG_COLOURS.get(str(value or ""), "")


@register.simple_tag
def status_tag(value: object, label: object = None) -> SafeString:
    """A GOV.UK tag for a status value, labelled with `label` (for example `case.get_status_display`)."""
    colour = tag_colour(value)
    classes = f"govuk-tag {colour}" if colour else "govuk-tag"
    return format_html('<strong class="{}">{}</strong>', classes, label if label is not None else value)


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _time_text(value: datetime.time | datetime.datetime) -> str:
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}:{value.minute:02d}{suffix}" if value.minute else f"{hour}{suffix}"


@register.filter
def display_date(value: datetime.date | None) -> str:
    """ "5 March 2026": GOV.UK's date style, no leading zero, month in full."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    return dateformat.format(value, "j F Y")


@register.filter
def display_time(value: datetime.time | datetime.datetime | None) -> str:
    """ "2:30pm", "9am", "midday", "midnight": GOV.UK's time style."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value)
    return _time_text(value)


@register.filter
def display_datetime(value: datetime.datetime | None) -> str:
    """ "5 March 2026 at 2:30pm", in the local time zone."""
    if not value:
        return ""
    value = _local(value)
    return f"{display_date(value)} at {_time_text(value)}"
