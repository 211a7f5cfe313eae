"""The consent decision travels with the case: on the agenda, the research page, the meeting's case page and the
case page, for the coordinator and chair and for invited agencies alike."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.meetings.models import MeetingStatus
from marac.meetings.services import meeting_start
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory, confirm_declarations
from marac.referrals.models import Consent
from marac.testing.factories import ReferralFactory

pytestmark = pytest.mark.django_db

REFUSED_REASON = "Children at risk of significant harm; sharing is needed to protect them."
NOT_SOUGHT_REASON = "Asking her would alert the perpetrator, who reads her messages."
APPROVER = "Duty inspector R. Okafor"
REFUSED_TEXT = f"Shared without consent (consent refused): {REFUSED_REASON} — approved by {APPROVER}"
NOT_SOUGHT_TEXT = f"Shared without consent (consent not sought): {NOT_SOUGHT_REASON} — approved by {APPROVER}"


def visible_text(markup: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)))


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return visible_text(response.content.decode())


@pytest.fixture
def cases(meeting, list_case):
    given = list_case(meeting, consent=Consent.GIVEN)
    refused = list_case(
        meeting, consent=Consent.REFUSED, sharing_without_consent_reason=REFUSED_REASON, sharing_approved_by=APPROVER
    )
    not_sought = list_case(
        meeting,
        consent=Consent.NOT_SOUGHT,
        sharing_without_consent_reason=NOT_SOUGHT_REASON,
        sharing_approved_by=APPROVER,
    )
    return given, refused, not_sought


def assert_every_decision_shown(page: str) -> None:
    assert "Consent given" in page
    assert REFUSED_TEXT in page, page
    assert NOT_SOUGHT_TEXT in page


@pytest.mark.parametrize("persona", ["coordinator", "chair", "housing_rep", "idva"])
def test_the_agenda_shows_each_cases_decision(locale, meeting, cases, persona):
    page = text_of(locale.client(persona).get(reverse("meetings:detail", kwargs={"pk": meeting.pk})))
    assert_every_decision_shown(page)


def test_an_invited_agency_sees_the_decision_but_still_nothing_else_of_the_referral(locale, meeting, cases):
    response = locale.client("housing_rep").get(reverse("meetings:detail", kwargs={"pk": meeting.pk}))
    listings = response.context["listings"]
    assert [listing.consent.consent for listing in listings] == [Consent.GIVEN, Consent.REFUSED, Consent.NOT_SOUGHT]
    page = text_of(response)
    assert cases[0].referral.risk_summary not in page
    assert cases[0].referral.professional_judgement_reasons not in page


@pytest.mark.parametrize("persona", ["coordinator", "housing_rep"])
def test_the_agenda_shows_it_while_the_meeting_is_in_progress(locale, meeting, cases, persona):
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, persona)
    page = text_of(locale.client(persona).get(reverse("meetings:detail", kwargs={"pk": meeting.pk})))
    assert_every_decision_shown(page)


@pytest.mark.parametrize("persona", ["housing_rep", "police_rep", "idva"])
def test_the_research_page_shows_it(locale, meeting, cases, persona):
    _, refused, _ = cases
    page = text_of(locale.client(persona).get(reverse("meetings:research", kwargs={"pk": refused.pk})))
    assert REFUSED_TEXT in page


@pytest.mark.parametrize("persona", ["coordinator", "chair"])
def test_the_meetings_case_page_shows_it(locale, meeting, cases, persona):
    given, _, not_sought = cases
    client = locale.client(persona)
    assert NOT_SOUGHT_TEXT in text_of(client.get(reverse("meetings:item", kwargs={"pk": not_sought.pk})))
    given_page = text_of(client.get(reverse("meetings:item", kwargs={"pk": given.pk})))
    assert "Consent given" in given_page
    assert "Shared without consent" not in given_page


def test_the_case_page_shows_the_latest_referrals_decision_at_minimal_detail(locale, meeting, cases):
    """Health is invited to the coming meeting only: identifiers, and the basis on which it receives them."""
    _, refused, _ = cases
    meeting.invited_agencies.add(locale.health)
    ReferralFactory(
        case=refused.case,
        referring_agency=locale.police,
        referred_at=timezone.now() - dt.timedelta(days=90),
        consent=Consent.NOT_SOUGHT,
        sharing_without_consent_reason="An older decision",
        sharing_approved_by="Someone earlier",
    )
    response = locale.client("health_rep").get(reverse("referrals:case_detail", kwargs={"pk": refused.case.pk}))
    assert response.context["page"].access.detail.name == "MINIMAL"
    page = text_of(response)
    assert REFUSED_TEXT in page
    assert "An older decision" not in page


def test_the_case_page_shows_it_at_shared_detail(locale, list_case):
    held = MeetingFactory(
        locality=locale.locality,
        scheduled_for=timezone.now() - dt.timedelta(days=14),
        status=MeetingStatus.CLOSED,
        invited=[locale.housing],
    )
    item = AgendaItemFactory(
        meeting=held,
        referral__referring_agency=locale.police,
        referral__consent=Consent.REFUSED,
        referral__sharing_without_consent_reason=REFUSED_REASON,
        referral__sharing_approved_by=APPROVER,
    )
    response = locale.client("housing_rep").get(reverse("referrals:case_detail", kwargs={"pk": item.case.pk}))
    assert response.context["page"].access.detail.name == "SHARED"
    assert REFUSED_TEXT in text_of(response)


@pytest.mark.parametrize("persona", ["coordinator", "chair"])
def test_the_case_page_shows_it_at_full_detail(locale, meeting, cases, persona):
    _, _, not_sought = cases
    response = locale.client(persona).get(reverse("referrals:case_detail", kwargs={"pk": not_sought.case.pk}))
    assert response.context["page"].access.detail.name == "FULL"
    page = response.content.decode()
    consent_section = page[page.index('id="consent"') : page.index(">Victim<")]
    assert NOT_SOUGHT_TEXT in visible_text(consent_section)
