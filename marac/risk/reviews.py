"""When a case's risk must next be reviewed: by its level, and sooner when something happens."""

import datetime as dt

from django.db.models import Min, Q
from django.utils import timezone

from marac.agencies.models import Locality
from marac.risk.models import Assessment, ReviewEvent, ReviewTrigger
from marac.risk.scales import all_level_labels

# Every level below medium on either scale shares the locality's longest interval.
LEVELS_ON_LOW_INTERVAL = frozenset({"low", "standard", "not_appreciated"})


def review_interval(*, locality: Locality, level: str) -> dt.timedelta:
    """The locality's interval for a level on either scale (extreme 72 hours, high 7 days, medium 30 days, and
    the low interval for low, standard and not-appreciated)."""
    if level == "extreme":
        return dt.timedelta(hours=locality.review_hours_extreme)
    if level == "high":
        return dt.timedelta(days=locality.review_days_high)
    if level == "medium":
        return dt.timedelta(days=locality.review_days_medium)
    if level in LEVELS_ON_LOW_INTERVAL:
        return dt.timedelta(days=locality.review_days_low)
    # A misspelt level must not quietly get the longest interval.
    known = ", ".join(sorted(all_level_labels()))
    raise ValueError(f"{level!r} is not a risk level of any scale (known levels: {known})")


def review_due_for(*, locality: Locality, level: str, assessed_at: dt.datetime) -> dt.datetime:
    interval = review_interval(locality=locality, level=level)
    if level == "extreme":
        # Counted in hours: real elapsed time, whatever the clocks do meanwhile.
        return assessed_at.astimezone(dt.UTC) + interval
    # Counted in days: the same time of day on the later date, even across a change of the clocks.
    return timezone.localtime(assessed_at) + interval


def trigger_review_due(
    *, locality: Locality, event: str, event_at: dt.datetime, recorded_at: dt.datetime
) -> dt.datetime:
    """A court date asks for a review some days before it; any other event asks for one now."""
    if event == ReviewEvent.COURT_DATE:
        return timezone.localtime(event_at) - dt.timedelta(days=locality.review_days_before_court)
    return recorded_at


def answered_by_assessment(assessed_at: dt.datetime) -> Q:
    """The open triggers an assessment made at `assessed_at` answers.

    It answers an event that came before it, and a court date once the review that date asked for is due (the
    days before the hearing are when that review is meant to happen). A trigger recorded after the assessment
    stays open even when its event came earlier: whoever records it is saying the assessment did not take the
    event into account.
    """
    recorded_before = Q(recorded_at__lte=assessed_at)
    court_date_review_reached = Q(event=ReviewEvent.COURT_DATE, review_due__lte=assessed_at)
    event_before = ~Q(event=ReviewEvent.COURT_DATE) & Q(event_at__lte=assessed_at)
    return Q(answered_by__isnull=True) & recorded_before & (court_date_review_reached | event_before)


def case_review_refresh(*, case, answered_by: Assessment | None = None) -> None:
    """Recompute the case's level and next review due: the earlier of the latest assessment's review date and
    every open trigger's. `answered_by`, a new assessment, first answers the open triggers it covers (see
    `answered_by_assessment`). Call inside the writing transaction."""
    # Lock the case row so that an assessment and a trigger recorded at the same moment cannot each compute
    # the due date without the other and leave the later write's stale answer on the case.
    locked = type(case).objects.select_for_update(of=("self",)).select_related("locality").get(pk=case.pk)
    if answered_by is not None:
        ReviewTrigger.objects.filter(case=locked).filter(answered_by_assessment(answered_by.assessed_at)).update(
            answered_by=answered_by
        )
    latest = Assessment.objects.filter(case=locked).order_by("-assessed_at", "-pk").first()
    earliest_trigger = ReviewTrigger.objects.filter(case=locked, answered_by__isnull=True).aggregate(
        due=Min("review_due")
    )["due"]
    latest_due = None
    if latest is not None:
        latest_due = latest.next_review_due or review_due_for(
            locality=locked.locality, level=latest.final_level, assessed_at=latest.assessed_at
        )
    candidates = [due for due in (latest_due, earliest_trigger) if due is not None]
    case.risk_level = latest.final_level if latest else ""
    case.next_review_due = min(candidates) if candidates else None
    type(case).objects.filter(pk=case.pk).update(risk_level=case.risk_level, next_review_due=case.next_review_due)
