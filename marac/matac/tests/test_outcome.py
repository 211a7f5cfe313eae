"""The outcome: on exit the score is taken again; the change from the entry score, per component and in total, is
shown on the nominee's page and summed up on the MATAC overview."""

import datetime as dt
import html
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditEvent
from marac.matac import scores
from marac.matac.models import ExitReason, Nomination, NominationStatus, ScoreOccasion
from marac.matac.services.nominations import nomination_exit
from marac.matac.tests.factories import listing_of, matac_meeting, nomination_of, serial_perpetrator, snapshot
from marac.meetings.models import MeetingStatus
from marac.rfgv.scoring import RfgvScore, score_people
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db

ENTRY = {"recency": 10, "frequency": 8, "gravity": "16.5", "victims": 8}  # total 42.50


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def exit_score(monkeypatch):
    """The exit score, built by hand: recency 2, frequency 4, gravity 6.25, victims 5 (total 17.25)."""

    def score(*, locality, person_ids, as_of=None):
        return {
            person_id: RfgvScore(
                person_id=person_id,
                recency=Decimal("2.00"),
                frequency=Decimal("4.00"),
                gravity=Decimal("6.25"),
                victims=Decimal("5.00"),
                total=Decimal("17.25"),
                incident_count=2,
                victim_count=2,
                last_incident_at=timezone.now() - dt.timedelta(days=300),
                is_serial=True,
                as_of=as_of,
            )
            for person_id in person_ids
        }

    monkeypatch.setattr(scores, "score_people", score)


def _selected(locale, given_name="Karl"):
    person = PersonFactory(locality=locale.locality, given_name=given_name, family_name="Rook")
    return nomination_of(locale, person, status=NominationStatus.SELECTED, score=ENTRY)


def test_the_outcome_is_the_change_in_each_component_and_the_total(locale, exit_score):
    nomination = _selected(locale)
    client = locale.client("coordinator")

    response = client.post(reverse("matac:exit", args=[nomination.pk]), {"exit_reason": ExitReason.RISK_REDUCED})

    assert response["Location"] == reverse("matac:nomination", args=[nomination.pk]) + "#outcome"
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.EXITED and nomination.exit_reason == ExitReason.RISK_REDUCED
    exit_ = nomination.scores.get(occasion=ScoreOccasion.EXIT)
    assert exit_.total == Decimal("17.25")
    outcome = scores.outcome_of(nomination.scores.get(occasion=ScoreOccasion.ENTRY), exit_)
    assert {change.name: change.change for change in outcome.changes} == {
        "recency": Decimal("-8.00"),
        "frequency": Decimal("-4.00"),
        "gravity": Decimal("-10.25"),
        "victims": Decimal("-3.00"),
        "total": Decimal("-25.25"),
    }
    assert outcome.reduced
    event = AuditEvent.objects.get(summary="Exited MATAC: risk reduced: the tactics worked")
    assert event.detail["change"]["total"] == "-25.25"
    page = _text(client.get(reverse("matac:nomination", args=[nomination.pk])))
    assert "Outcome: the change in his score" in page
    assert "−25.25" in page and "−10.25" in page and "42.50" in page and "17.25" in page
    assert "His score fell while he was on MATAC." in page


def test_the_overview_sums_up_the_outcomes(locale):
    reduced = _selected(locale, "Reduced")
    snapshot(reduced, ScoreOccasion.EXIT, recency=2, frequency=4, gravity=6, victims=5)  # 17.00: -25.50
    rose = _selected(locale, "Rose")
    snapshot(rose, ScoreOccasion.EXIT, recency=10, frequency=10, gravity="20.5", victims=8)  # 48.50: +6.00
    Nomination.objects.filter(pk__in=[reduced.pk, rose.pk]).update(status=NominationStatus.EXITED)
    _selected(locale, "Still")  # on MATAC: no outcome yet

    summary = _text(locale.client("chair").get(reverse("matac:overview")))

    assert "2 nominees exited MATAC: the score fell for 1, stayed the same for 0 and rose for 1." in summary
    # Averages: recency (-8 + 0) / 2, frequency (-4 + 2) / 2, gravity (-10.5 + 4) / 2, victims (-3 + 0) / 2, total.
    for shown in ("−4.00", "−1.00", "−3.25", "−1.50", "−9.75"):
        assert shown in summary
    # Scores are the ranking's: an agency sees no outcomes.
    assert "Outcomes" not in _text(locale.client("police_rep").get(reverse("matac:overview")))


def test_the_exit_score_is_taken_as_the_ranking_takes_it(locale):
    person = serial_perpetrator(locale)
    nomination = nomination_of(locale, person, status=NominationStatus.SELECTED, score=ENTRY)
    nomination_exit(actor=locale.actor("chair"), nomination=nomination, reason=ExitReason.CUSTODY)
    exit_ = nomination.scores.get(occasion=ScoreOccasion.EXIT)
    ranking = score_people(locality=locale.locality, person_ids=[person.pk], as_of=exit_.taken_at)[person.pk]
    assert (exit_.recency, exit_.frequency, exit_.gravity, exit_.victims, exit_.total) == (
        ranking.recency,
        ranking.frequency,
        ranking.gravity,
        ranking.victims,
        ranking.total,
    )


def test_exit_needs_a_reason_and_a_selected_nominee(locale, exit_score):
    nomination = _selected(locale)
    url = reverse("matac:exit", args=[nomination.pk])
    client = locale.client("coordinator")
    assert "Choose why he leaves MATAC." in _text(client.post(url, {}))
    assert "Say why he leaves MATAC." in _text(client.post(url, {"exit_reason": ExitReason.OTHER}))
    assert not nomination.scores.filter(occasion=ScoreOccasion.EXIT).exists()
    waiting = nomination_of(locale, PersonFactory(locality=locale.locality))
    with pytest.raises(ValidationError) as refused:
        nomination_exit(actor=locale.actor("coordinator"), nomination=waiting, reason=ExitReason.CUSTODY)
    assert refused.value.message_dict["exit_reason"] == ["Only a selected nominee exits MATAC."]


def test_exit_takes_him_off_meetings_not_started_and_waits_for_one_in_progress(locale, exit_score):
    nomination = _selected(locale)
    running = matac_meeting(locale, status=MeetingStatus.IN_PROGRESS, days=0)
    listing_of(running, nomination)
    with pytest.raises(ValidationError) as refused:
        nomination_exit(actor=locale.actor("coordinator"), nomination=nomination, reason=ExitReason.CUSTODY)
    assert "close that meeting first" in refused.value.message_dict["exit_reason"][0]
    running.matac_listings.all().delete()
    coming = matac_meeting(locale, days=20)
    listing_of(coming, nomination)
    nomination_exit(actor=locale.actor("coordinator"), nomination=nomination, reason=ExitReason.CUSTODY)
    assert not coming.matac_listings.exists()
    assert AuditEvent.objects.get(summary="Exited MATAC: in custody").detail["taken_off_meetings"] == [coming.pk]


def test_only_the_coordinator_and_chair_exit_a_nominee(locale, other_locale, exit_score):
    nomination = _selected(locale)
    for client in (locale.client("police_rep"), locale.client("idva"), other_locale.client("coordinator")):
        response = client.post(reverse("matac:exit", args=[nomination.pk]), {"exit_reason": ExitReason.CUSTODY})
        assert response.status_code == 404
    assert Nomination.objects.get().status == NominationStatus.SELECTED
