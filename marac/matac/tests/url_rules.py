"""Rows of the URL walk (marac/access/tests/test_url_walk.py) for this app's pages.

The world's MATAC: the perpetrator of the world's case, referred by the police and selected, is on a MATAC meeting
not yet started to which the police, housing and the IDVA service are invited; housing owns an action agreed for him.
The world's neighbour (a housing representative barred from the case) therefore sees none of it.
"""

import datetime as dt

from django.utils import timezone

from marac.incidents.tests.factories import perpetrator_of
from marac.matac.models import (
    MatacAction,
    MatacListing,
    Nomination,
    NominationReferral,
    NominationStatus,
    ReferralSource,
    TacticCategory,
)
from marac.meetings.models import Meeting, MeetingPurpose

RUNNERS = frozenset({"coordinator", "chair"})
MATAC_READERS = frozenset(
    {"police_rep", "housing_rep", "social_care_rep", "health_rep", "idva", "coordinator", "chair"}
)
INVITED = frozenset({"police_rep", "housing_rep", "idva"})


def world_listing(world) -> MatacListing:
    case = world.case
    locality = case.locality
    now = timezone.now()
    chair = world.held_meeting.chair or world.referral.referred_by
    nomination = Nomination.objects.create(
        locality=locality,
        person=perpetrator_of(case),
        status=NominationStatus.SELECTED,
        nominated_at=now,
        decided_at=now,
        subject_profile="Lives alone since the separation; drinks heavily.",
        subject_profile_by=chair,
        subject_profile_at=now,
        intelligence_profile="Bail: not to contact his former partner.",
        intelligence_profile_by=chair,
        intelligence_profile_at=now,
    )
    NominationReferral.objects.create(
        nomination=nomination,
        source=ReferralSource.PARTNER,
        referring_agency=world.referral.referring_agency,
        referred_by=world.referral.referred_by,
        referred_at=now,
        reason="Second partner assaulted this year.",
        known="Known for assaults on two partners.",
    )
    meeting = Meeting.objects.create(
        locality=locality, purpose=MeetingPurpose.MATAC, scheduled_for=now + dt.timedelta(days=9)
    )
    meeting.invited_agencies.set(world.held_meeting.invited_agencies.all())  # police, housing, the IDVA service
    return MatacListing.objects.create(meeting=meeting, nomination=nomination, position=1, listed_at=now)


def world_matac_action(world) -> MatacAction:
    listing = world_listing(world)
    return MatacAction.objects.create(
        nomination=listing.nomination,
        listing=listing,
        owner_agency=world.action.owner_agency,  # housing
        category=TacticCategory.DISRUPTION,
        text="Check his tenancy conditions",
        due_date=timezone.localdate() + dt.timedelta(days=14),
        created_by=world.action.created_by,
        created_at=timezone.now(),
    )


URL_RULES: dict = {
    "matac:overview": ("get", lambda w: {}, MATAC_READERS),
    "matac:nominate": ("get", lambda w: {}, MATAC_READERS),
    "matac:selection": ("get", lambda w: {}, RUNNERS),
    "matac:nominations": ("get", lambda w: {}, MATAC_READERS),
    # The police referred him; the agencies invited to his MATAC meeting see him too.
    "matac:nomination": ("get", lambda w: {"pk": world_listing(w).nomination_id}, RUNNERS | INVITED),
    "matac:decide": ("get", lambda w: {"pk": world_listing(w).nomination_id}, RUNNERS),
    "matac:exit": ("get", lambda w: {"pk": world_listing(w).nomination_id}, RUNNERS),
    "matac:meeting_new": ("get", lambda w: {}, frozenset({"coordinator"})),
    "matac:meeting": ("get", lambda w: {"pk": world_listing(w).meeting_id}, RUNNERS | INVITED),
    "matac:listing_add": ("post", lambda w: {"pk": world_listing(w).meeting_id}, RUNNERS),
    "matac:meeting_start": ("post", lambda w: {"pk": world_listing(w).meeting_id}, RUNNERS),
    "matac:meeting_attendance": ("post", lambda w: {"pk": world_listing(w).meeting_id}, RUNNERS),
    "matac:meeting_close": ("post", lambda w: {"pk": world_listing(w).meeting_id}, RUNNERS),
    "matac:listing": ("get", lambda w: {"pk": world_listing(w).pk}, RUNNERS),
    "matac:listing_action_add": ("post", lambda w: {"pk": world_listing(w).pk}, RUNNERS),
    "matac:actions": ("get", lambda w: {}, MATAC_READERS),
    # Housing owns the action: it and the coordinator update it; the chair reads it.
    "matac:action": ("get", lambda w: {"pk": world_matac_action(w).pk}, RUNNERS | {"housing_rep"}),
    "matac:action_update": (
        "get",
        lambda w: {"pk": world_matac_action(w).pk},
        frozenset({"coordinator", "housing_rep"}),
    ),
}
