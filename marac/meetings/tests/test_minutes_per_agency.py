"""Each agency's minutes carry the shared record and its own actions only; the coordinator and chair get them all."""

import pytest
from django.urls import reverse

from marac.access.models import CaseExclusion
from marac.meetings.tests.minutes_fixtures import (
    DISCUSSION,
    EARLIER_HOUSING_ACTION,
    EARLIER_POLICE_ACTION,
    HOUSING_ACTION,
    IDVA_ACTION,
    POLICE_ACTION,
    RISK_SUMMARY,
    closed_meeting_with_cases,
)

pytestmark = pytest.mark.django_db


def minutes_page(locale, persona, meeting) -> str:
    response = locale.client(persona).get(reverse("meetings:minutes", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_housing_sees_the_shared_record_and_only_its_own_actions(locale):
    closed = closed_meeting_with_cases(locale)
    body = minutes_page(locale, "housing_rep", closed.meeting)
    assert closed.first.case.reference in body
    assert RISK_SUMMARY in body
    assert DISCUSSION in body
    assert "Monitoring: actions open" in body
    assert HOUSING_ACTION in body
    assert EARLIER_HOUSING_ACTION in body
    assert POLICE_ACTION not in body
    assert IDVA_ACTION not in body
    assert EARLIER_POLICE_ACTION not in body
    assert f"Version for {locale.housing.name}" in body


def test_the_idva_sees_only_her_services_actions_even_on_her_own_cases(locale):
    body = minutes_page(locale, "idva", closed_meeting_with_cases(locale).meeting)
    assert IDVA_ACTION in body
    assert HOUSING_ACTION not in body
    assert POLICE_ACTION not in body


@pytest.mark.parametrize("persona", ["coordinator", "chair"])
def test_coordinator_and_chair_get_every_agencys_actions(locale, persona):
    body = minutes_page(locale, persona, closed_meeting_with_cases(locale).meeting)
    for text in (POLICE_ACTION, HOUSING_ACTION, IDVA_ACTION, EARLIER_POLICE_ACTION, EARLIER_HOUSING_ACTION):
        assert text in body
    assert "Full version" in body


def test_attendance_shows_apologies_and_information_sent(locale):
    body = minutes_page(locale, "police_rep", closed_meeting_with_cases(locale).meeting)
    assert "Officer Synthetic" in body
    assert "Apologies" in body
    assert locale.memberships["chair"].user.get_full_name() or locale.memberships["chair"].user.username in body


def test_a_case_the_reader_is_barred_from_is_left_out(locale):
    closed = closed_meeting_with_cases(locale)
    CaseExclusion.objects.create(
        case=closed.first.case,
        user=locale.memberships["housing_rep"].user,
        reason="Related to the perpetrator",
        added_by=locale.memberships["coordinator"].user,
        added_at=closed.meeting.closed_at,
    )
    body = minutes_page(locale, "housing_rep", closed.meeting)
    assert closed.first.case.reference not in body
    assert closed.first.case.victim.family_name not in body
    assert closed.second.case.reference in body


@pytest.mark.parametrize("persona", ["health_rep", "social_care_rep", "analyst", "police_referrer"])
def test_agencies_not_invited_and_roles_without_case_access_get_404(locale, persona):
    closed = closed_meeting_with_cases(locale)
    for name in ("meetings:minutes", "meetings:minutes_pdf"):
        response = locale.client(persona).get(reverse(name, kwargs={"pk": closed.meeting.pk}))
        assert response.status_code == 404


def test_another_localitys_coordinator_gets_404(locale, other_locale):
    closed = closed_meeting_with_cases(locale)
    response = other_locale.client("coordinator").get(reverse("meetings:minutes", kwargs={"pk": closed.meeting.pk}))
    assert response.status_code == 404
