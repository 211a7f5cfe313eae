"""How quickly breaches are answered: the time from the report of a breach to the response, summarised per kind of
response as a count, a median and the share answered within the locality's target."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from marac.perpetrators.models import ResponseKind


def response_hours(reported_at: dt.datetime, responded_at: dt.datetime) -> float:
    """The response time in hours, to the minute's precision (for the audit trail and exports)."""
    return round((responded_at - reported_at).total_seconds() / 3600, 2)


def median(values: list[dt.timedelta]) -> dt.timedelta | None:
    """The middle value; for an even count, halfway between the two middle ones."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def duration_words(value: dt.timedelta | None) -> str:
    """ "45 min", "3 h 05 min", "2 days 4 h": short enough for a table cell."""
    if value is None:
        return ""
    minutes = max(0, round(value.total_seconds() / 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return ngettext("%(days)s day %(hours)s h", "%(days)s days %(hours)s h", days) % {"days": days, "hours": hours}
    if hours:
        return gettext("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": f"{minutes:02d}"}
    return gettext("%(minutes)s min") % {"minutes": minutes}


@dataclass(frozen=True)
class TimelinessRow:
    label: str
    kind: str  # a ResponseKind, or "" for every response
    count: int
    median: dt.timedelta | None
    within_target: int

    @property
    def share_within_target(self) -> float | None:
        return self.within_target / self.count if self.count else None

    @property
    def percent_within_target(self) -> int | None:
        share = self.share_within_target
        return None if share is None else round(share * 100)


@dataclass(frozen=True)
class Timeliness:
    rows: list[TimelinessRow]  # one per kind of response, in the order of ResponseKind, including those not used
    overall: TimelinessRow
    target: dt.timedelta


def _row(label: str, kind: str, delays: list[dt.timedelta], target: dt.timedelta) -> TimelinessRow:
    return TimelinessRow(
        label=label,
        kind=kind,
        count=len(delays),
        median=median(delays),
        within_target=sum(1 for delay in delays if delay <= target),
    )


def timeliness(responses: Iterable[tuple[str, dt.timedelta]], *, target_hours: int) -> Timeliness:
    """Summarise (kind of response, time from report to response) pairs against the target."""
    target = dt.timedelta(hours=target_hours)
    by_kind: dict[str, list[dt.timedelta]] = {kind: [] for kind in ResponseKind.values}
    for kind, delay in responses:
        by_kind[kind].append(delay)
    rows = [_row(ResponseKind(kind).label, kind, delays, target) for kind, delays in by_kind.items()]
    everything = [delay for delays in by_kind.values() for delay in delays]
    return Timeliness(rows=rows, overall=_row(gettext("Every response"), "", everything, target), target=target)
