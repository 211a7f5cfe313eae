"""The demo's MATAC: nominations from the ranking and from partners, a held MATAC meeting with tactics of every
category, the next one planned, and one exited nominee whose outcome is the change in his score."""

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.accounts.testing import verified_client
from marac.actions.models import Action, CatalogueEffect
from marac.demo import builder
from marac.matac.models import (
    ExitReason,
    MatacAction,
    MatacListing,
    Nomination,
    NominationReferral,
    NominationStatus,
    ReferralSource,
    ScoreOccasion,
    TacticCategory,
)
from marac.matac.scores import outcome_of
from marac.matac.selectors import overdue_condition
from marac.meetings.models import Meeting, MeetingPurpose, MeetingStatus
from marac.rfgv.scoring import score_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, monkeypatch):
    """The demo as `demo_build` builds it, and its state as MATAC's step saw it."""
    seen = []
    build = builder.build_matac

    def keep_state(demo):
        seen.append(demo)
        build(demo)

    monkeypatch.setattr(builder, "build_matac", keep_state)
    builder.demo_build()
    return seen[0]


def test_the_demo_shows_every_step_of_matac(demo):
    nominations = Nomination.objects.filter(locality=demo.locality)
    statuses = set(nominations.values_list("status", flat=True))
    assert statuses == {
        NominationStatus.NOMINATED,
        NominationStatus.SELECTED,
        NominationStatus.DECLINED,
        NominationStatus.EXITED,
    }
    assert {ReferralSource.RANKING, ReferralSource.PARTNER} <= set(
        NominationReferral.objects.values_list("source", flat=True)
    )
    held = Meeting.objects.filter(purpose=MeetingPurpose.MATAC, status=MeetingStatus.CLOSED).latest("scheduled_for")
    assert set(MatacListing.objects.filter(meeting=held).values_list("nomination__status", flat=True)) == {
        NominationStatus.SELECTED
    }
    assert set(MatacAction.objects.filter(listing__meeting=held).values_list("category", flat=True)) == set(
        TacticCategory.values
    )
    assert MatacAction.objects.filter(overdue_condition(timezone.localdate())).exists()
    upcoming = Meeting.objects.get(purpose=MeetingPurpose.MATAC, status=MeetingStatus.SCHEDULED)
    assert upcoming.scheduled_for - held.scheduled_for == timezone.timedelta(days=28)
    assert set(MatacListing.objects.filter(meeting=upcoming).values_list("nomination__status", flat=True)) == {
        NominationStatus.SELECTED
    }


def test_the_exited_nominee_has_an_outcome_taken_as_the_ranking_takes_scores(demo):
    exited = Nomination.objects.get(locality=demo.locality, status=NominationStatus.EXITED)
    entry = exited.scores.get(occasion=ScoreOccasion.ENTRY)
    exit_ = exited.scores.get(occasion=ScoreOccasion.EXIT)
    outcome = outcome_of(entry, exit_)
    # The demo's incidents give one man whose score fell: he left MATAC with his risk reduced.
    assert outcome.reduced and exited.exit_reason == ExitReason.RISK_REDUCED
    assert entry.taken_at < exited.listings.get().meeting.scheduled_for < exit_.taken_at
    for kept in (entry, exit_):
        ranking = score_people(locality=demo.locality, person_ids=[exited.person_id], as_of=kept.taken_at)
        assert kept.total == ranking[exited.person_id].total


def test_the_marac_actions_to_consider_matac_carry_their_referrals(demo):
    considered = Action.objects.filter(
        case__locality=demo.locality, catalogue_action__effect=CatalogueEffect.MATAC_REFERRAL
    )
    referrals = NominationReferral.objects.filter(marac_action__isnull=False)
    assert demo.counts["matac_referrals_from_marac_actions"] == referrals.count()
    assert set(referrals.values_list("marac_action", flat=True)) <= set(considered.values_list("pk", flat=True))
    for referral in referrals.select_related("marac_action__owner_agency"):
        assert referral.referring_agency == referral.marac_action.owner_agency


def test_the_demo_coordinator_reads_it_all(demo):
    coordinator = demo.users["coordinator"]
    client = verified_client(coordinator)
    exited = Nomination.objects.get(locality=demo.locality, status=NominationStatus.EXITED)
    held = exited.listings.get().meeting
    overview = html.unescape(client.get(reverse("matac:overview")).content.decode())
    assert "Overdue MATAC action" in overview and "1 nominee exited MATAC" in overview
    nominee = html.unescape(client.get(reverse("matac:nomination", args=[exited.pk])).content.decode())
    assert "Outcome: the change in his score" in nominee
    meeting = html.unescape(client.get(reverse("matac:meeting", args=[held.pk])).content.decode())
    assert exited.person.full_name in meeting
    assert client.get(reverse("matac:selection")).status_code == 200
