"""When a case's risk must next be reviewed: by its level, and sooner when something happens."""

import datetime as dt

from django.db.models import Min

from marac.agencies.models import Locality
from marac.risk.models import Assessment, ReviewEvent, ReviewTrigger


def review_interval(*, locality: Locality, level: str) -> dt.timedelta:
    """The locality's interval for a level on either scale (extreme 72 hours, high 7 days, medium 30 days, and
    the low interval for low, standard and not-appreciated)."""
    if level == "extreme":
        return dt.timedelta(hours=locality.review_hours_extreme)
    if level == "high":
        return dt.timedelta(days=locality.review_days_high)
    if level == "medium":
        return dt.timedelta(days=locality.review_days_medium)
    return dt.timedelta(days=locality.review_days_low)


def review_due_for(*, locality: Locality, level: str, assessed_at: dt.datetime) -> dt.datetime:
    return assessed_at + review_interval(locality=locality, level=level)


def trigger_review_due(
    *, locality: Locality, event: str, event_at: dt.datetime, recorded_at: dt.datetime
) -> dt.datetime:
    """A court date asks for a review some days before it; any other event asks for one now."""
    if event == ReviewEvent.COURT_DATE:
        return event_at - dt.timedelta(days=locality.review_days_before_court)
    return recorded_at


def case_review_refresh(*, case, answered_by: Assessment | None = None) -> None:
    """Recompute the case's level and next review due. An assessment answers every open trigger whose event
    happened before it (a court date still to come keeps its own review). Call inside the writing transaction."""
    if answered_by is not None:
        ReviewTrigger.objects.filter(case=case, answered_by__isnull=True, event_at__lte=answered_by.assessed_at).update(
            answered_by=answered_by
        )
    latest = Assessment.objects.filter(case=case).order_by("-assessed_at", "-pk").first()
    earliest_trigger = ReviewTrigger.objects.filter(case=case, answered_by__isnull=True).aggregate(
        due=Min("review_due")
    )["due"]
    candidates = [due for due in (latest.next_review_due if latest else None, earliest_trigger) if due is not None]
    case.risk_level = latest.final_level if latest else ""
    case.next_review_due = min(candidates) if candidates else None
    type(case).objects.filter(pk=case.pk).update(risk_level=case.risk_level, next_review_due=case.next_review_due)
