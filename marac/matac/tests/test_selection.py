"""The selection list (ranked by score, with the ranking's explanation), and selecting or declining a nomination."""

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.matac.models import Nomination, NominationStatus, ScoreOccasion
from marac.matac.tests.factories import nomination_of, serial_perpetrator
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db

SUBJECT = "Unemployed; moved in with a new partner who has two young children."
INTELLIGENCE = "Two assaults on former partners; bail not to contact the first."


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _person(locale, given_name):
    return PersonFactory(locality=locale.locality, given_name=given_name, family_name="Hale")


def test_the_selection_list_ranks_by_score_with_the_explanation(locale):
    low = nomination_of(locale, _person(locale, "Low"), score={"recency": 2, "frequency": 2})
    high = nomination_of(locale, _person(locale, "High"), score={"recency": 10, "gravity": 8, "victims": 5})
    middle = nomination_of(locale, _person(locale, "Middle"), score={"recency": 6, "frequency": 4})
    nomination_of(locale, _person(locale, "Chosen"), status=NominationStatus.SELECTED, score={"recency": 99})

    response = locale.client("chair").get(reverse("matac:selection"))

    text = _text(response)
    assert [nomination for nomination, _score in response.context["rows"]] == [high, middle, low]
    assert text.index("High Hale") < text.index("Middle Hale") < text.index("Low Hale")
    assert "Chosen Hale" not in text  # already selected: not awaiting a decision
    assert "23.00" in text  # 10 + 0 + 8 + 5
    for nomination in (high, middle, low):
        assert reverse("rfgv:explanation", kwargs={"person_pk": nomination.person_id}) in text
        assert reverse("matac:decide", args=[nomination.pk]) in text
    event = AuditEvent.objects.get(summary="Viewed the MATAC selection list with scores")
    assert event.detail["ids"] == [high.pk, middle.pk, low.pk]


def test_selecting_records_both_profiles_their_author_and_the_entry_score(locale):
    person = serial_perpetrator(locale)
    nomination = nomination_of(locale, person)
    client = locale.client("chair")
    url = reverse("matac:decide", args=[nomination.pk])

    response = client.post(
        url, {"decision": "select", "subject_profile": SUBJECT, "intelligence_profile": INTELLIGENCE}
    )

    assert response["Location"] == reverse("matac:nomination", args=[nomination.pk])
    nomination.refresh_from_db()
    chair = locale.memberships["chair"].user
    assert nomination.status == NominationStatus.SELECTED
    assert (nomination.subject_profile, nomination.subject_profile_by) == (SUBJECT, chair)
    assert (nomination.intelligence_profile, nomination.intelligence_profile_by) == (INTELLIGENCE, chair)
    assert nomination.decided_by == chair and nomination.decided_at is not None
    entry = nomination.scores.get(occasion=ScoreOccasion.ENTRY)
    assert entry.incident_count == 3 and entry.victim_count == 2 and entry.total > Decimal(0)
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, summary="Selected for MATAC")
    assert event.detail["entry_score"]["total"] == str(entry.total)
    page = _text(client.get(reverse("matac:nomination", args=[nomination.pk])))
    assert SUBJECT in page and INTELLIGENCE in page and "Exit him from MATAC" in page


def test_selecting_needs_both_profiles(locale):
    nomination = nomination_of(locale, serial_perpetrator(locale))
    url = reverse("matac:decide", args=[nomination.pk])
    page = _text(locale.client("coordinator").post(url, {"decision": "select", "subject_profile": SUBJECT}))
    assert "Write the intelligence profile: what partners hold on him." in page
    page = _text(locale.client("coordinator").post(url, {"decision": "select", "intelligence_profile": INTELLIGENCE}))
    assert "Write the subject profile" in page
    page = _text(locale.client("coordinator").post(url, {}))
    assert "Choose whether to select him or decline the nomination." in page
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED and not nomination.scores.filter(occasion="entry").exists()


def test_declining_needs_the_reason_and_is_final(locale):
    nomination = nomination_of(locale, serial_perpetrator(locale))
    url = reverse("matac:decide", args=[nomination.pk])
    client = locale.client("coordinator")
    assert "Say why the nomination is declined." in _text(client.post(url, {"decision": "decline"}))
    client.post(url, {"decision": "decline", "decline_reason": "Already managed under MAPPA level 2."})
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DECLINED
    assert nomination.decline_reason == "Already managed under MAPPA level 2."
    assert AuditEvent.objects.filter(summary="Declined the MATAC nomination").count() == 1
    # A decided nomination is not decided again.
    page = _text(client.post(url, {"decision": "select", "subject_profile": "a", "intelligence_profile": "b"}))
    assert "This nomination is already declined." in page
    assert Nomination.objects.get().status == NominationStatus.DECLINED


@pytest.mark.parametrize("persona", ["police_rep", "idva", "housing_rep", "analyst", "admin", "police_referrer"])
def test_only_the_coordinator_and_chair_select(locale, persona):
    nomination = nomination_of(locale, serial_perpetrator(locale))
    client = locale.client(persona)
    assert client.get(reverse("matac:selection")).status_code == 404
    assert client.get(reverse("matac:decide", args=[nomination.pk])).status_code == 404
    response = client.post(
        reverse("matac:decide", args=[nomination.pk]),
        {"decision": "select", "subject_profile": SUBJECT, "intelligence_profile": INTELLIGENCE},
    )
    assert response.status_code == 404
    assert Nomination.objects.get().status == NominationStatus.NOMINATED


def test_another_areas_coordinator_cannot_decide(locale, other_locale):
    nomination = nomination_of(locale, serial_perpetrator(locale))
    client = other_locale.client("coordinator")
    assert client.get(reverse("matac:decide", args=[nomination.pk])).status_code == 404
    assert client.post(reverse("matac:decide", args=[nomination.pk]), {"decision": "decline"}).status_code == 404
    assert "Darren Vale" not in _text(client.get(reverse("matac:selection")))
