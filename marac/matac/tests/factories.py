"""MATAC rows for tests, written directly: synthetic perpetrators, nominations with hand-built scores, MATAC
meetings, listings and actions."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from marac.actions.models import ActionStatus
from marac.incidents.models import Gravity, IncidentType
from marac.incidents.tests.factories import IncidentFactory
from marac.matac.models import (
    MatacAction,
    MatacListing,
    Nomination,
    NominationReferral,
    NominationStatus,
    ReferralSource,
    RfgvSnapshot,
    ScoreOccasion,
    TacticCategory,
)
from marac.meetings.models import Meeting, MeetingPurpose, MeetingStatus
from marac.meetings.tests.factories import MeetingFactory
from marac.people.models import Person
from marac.testing.factories import PersonFactory


def serial_perpetrator(locale, *, given_name: str = "Darren", family_name: str = "Vale", agency=None) -> Person:
    """A man named on three incidents against two women in the last year, recorded by the police (or `agency`)."""
    person = PersonFactory(
        locality=locale.locality, given_name=given_name, family_name=family_name, date_of_birth=dt.date(1984, 2, 9)
    )
    first = PersonFactory(locality=locale.locality, given_name="Amy", family_name=f"Stone{family_name}")
    second = PersonFactory(locality=locale.locality, given_name="Bea", family_name=f"Marsh{family_name}")
    now = timezone.now()
    for victim, days_ago, gravity, kind in (
        (first, 200, Gravity.MODERATE, IncidentType.PHYSICAL),
        (first, 120, Gravity.SERIOUS, IncidentType.STRANGULATION),
        (second, 20, Gravity.MODERATE, IncidentType.THREATS),
    ):
        IncidentFactory(
            locality=locale.locality,
            source_agency=agency or locale.police,
            victim=victim,
            perpetrator=person,
            occurred_at=now - dt.timedelta(days=days_ago),
            gravity=gravity,
            incident_type=kind,
        )
    return person


def snapshot(nomination: Nomination, occasion: str, *, referral=None, taken_at=None, **points) -> RfgvSnapshot:
    """A kept score built by hand: `recency`, `frequency`, `gravity` and `victims` as given (0 otherwise), the
    total their sum."""
    components = {name: Decimal(str(points.get(name, 0))) for name in ("recency", "frequency", "gravity", "victims")}
    return RfgvSnapshot.objects.create(
        nomination=nomination,
        occasion=occasion,
        referral=referral,
        taken_at=taken_at or timezone.now(),
        total=sum(components.values(), Decimal(0)),
        incident_count=points.get("incident_count", 0),
        victim_count=points.get("victim_count", 0),
        last_incident_at=points.get("last_incident_at"),
        is_serial=points.get("is_serial", False),
        **components,
    )


def nomination_of(
    locale,
    person: Person | None = None,
    *,
    status: str = NominationStatus.NOMINATED,
    agency=None,
    persona: str = "police_rep",
    source: str = ReferralSource.PARTNER,
    score: dict | None = None,
    nominated_at: dt.datetime | None = None,
) -> Nomination:
    """A nomination with one referral and its score (by hand); selected ones carry profiles and an entry score."""
    person = person or PersonFactory(locality=locale.locality, given_name="Karl", family_name="Rook")
    now = nominated_at or timezone.now()
    user = locale.memberships[persona].user
    nomination = Nomination.objects.create(locality=locale.locality, person=person, status=status, nominated_at=now)
    referral = NominationReferral.objects.create(
        nomination=nomination,
        source=source,
        referring_agency=agency or locale.police,
        referred_by=user,
        referred_at=now,
        reason="Three partners in two years; threats to the newest.",
        known="Known to us for assaults on two former partners.",
    )
    snapshot(nomination, ScoreOccasion.REFERRAL, referral=referral, taken_at=now, **(score or {"recency": 6}))
    if status in (NominationStatus.SELECTED, NominationStatus.EXITED):
        chair = locale.memberships["chair"].user
        Nomination.objects.filter(pk=nomination.pk).update(
            decided_at=now,
            decided_by=chair,
            subject_profile="Unemployed, new partner with two children.",
            subject_profile_by=chair,
            subject_profile_at=now,
            intelligence_profile="Bail conditions not to contact his former partner.",
            intelligence_profile_by=chair,
            intelligence_profile_at=now,
        )
        snapshot(nomination, ScoreOccasion.ENTRY, taken_at=now, **(score or {"recency": 6}))
        nomination.refresh_from_db()
    return nomination


def matac_meeting(locale, *, status: str = MeetingStatus.SCHEDULED, invited=None, days: int = 7) -> Meeting:
    """A MATAC meeting of the `locale` locality; by default police, housing and the IDVA service are invited."""
    invited = invited if invited is not None else [locale.police, locale.housing, locale.idva_service]
    return MeetingFactory(
        locality=locale.locality,
        purpose=MeetingPurpose.MATAC,
        status=status,
        scheduled_for=timezone.now() + dt.timedelta(days=days),
        research_deadline=None,
        started_at=timezone.now() if status != MeetingStatus.SCHEDULED else None,
        closed_at=timezone.now() if status == MeetingStatus.CLOSED else None,
        invited=invited,
        circulated=False,
    )


def listing_of(meeting: Meeting, nomination: Nomination, *, position: int = 1) -> MatacListing:
    return MatacListing.objects.create(
        meeting=meeting, nomination=nomination, position=position, listed_at=timezone.now()
    )


def matac_action(
    listing: MatacListing,
    owner,
    *,
    category: str = TacticCategory.DISRUPTION,
    due_in_days: int = 14,
    status: str = ActionStatus.OPEN,
    text: str = "Check his bail address weekly",
    created_by=None,
) -> MatacAction:
    return MatacAction.objects.create(
        nomination=listing.nomination,
        listing=listing,
        owner_agency=owner,
        category=category,
        text=text,
        due_date=timezone.localdate() + dt.timedelta(days=due_in_days),
        status=status,
        created_by=created_by or listing.nomination.referrals.first().referred_by,
        created_at=timezone.now(),
    )
