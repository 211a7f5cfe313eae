"""Synthetic cases, assessments and meetings for the review schedule's tests."""

import datetime as dt

from django.utils import timezone

from marac.agencies.models import Agency
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus
from marac.referrals.models import Case, CaseStatus
from marac.risk.models import Assessment
from marac.risk.reviews import case_review_refresh, review_due_for
from marac.risk.scales import ScaleChoice
from marac.testing.factories import CaseFactory, ReferralFactory, UserFactory

SCORE_FOR_LEVEL = {"not_appreciated": 0, "standard": 3, "low": 3, "medium": 11, "high": 16, "extreme": 20}


def make_case(locale, *, idva_agency: Agency | None = None, status: str = CaseStatus.HEARD) -> Case:
    return CaseFactory(locality=locale.locality, idva_agency=idva_agency, status=status)


def hear_case(locale, case: Case, *, invited: list[Agency]) -> Meeting:
    """A closed meeting that heard the case, which lets the invited agencies see what was shared about it."""
    meeting = Meeting.objects.create(
        locality=locale.locality, scheduled_for=timezone.now() - dt.timedelta(days=14), status=MeetingStatus.CLOSED
    )
    meeting.invited_agencies.set(invited)
    referral = ReferralFactory(case=case, referring_agency=locale.police)
    AgendaItem.objects.create(meeting=meeting, case=case, referral=referral)
    return meeting


def make_assessment(
    case: Case,
    *,
    level: str,
    agency: Agency,
    assessed_at: dt.datetime | None = None,
    scale: str = ScaleChoice.THREE_LEVEL,
    next_review_due: dt.datetime | None = None,
    refresh: bool = True,
) -> Assessment:
    """An assessment row as the assessment service would leave it; `refresh` updates the case as it does."""
    assessed_at = assessed_at or timezone.now()
    assessment = Assessment.objects.create(
        case=case,
        instrument_code="dash-style-24",
        instrument_version="1",
        answers={},
        score=SCORE_FOR_LEVEL[level],
        scale=scale,
        computed_level=level,
        final_level=level,
        assessed_by=UserFactory(),
        agency=agency,
        assessed_at=assessed_at,
        next_review_due=next_review_due or review_due_for(locality=case.locality, level=level, assessed_at=assessed_at),
    )
    if refresh:
        case_review_refresh(case=case, answered_by=assessment)
        case.refresh_from_db()
    return assessment
