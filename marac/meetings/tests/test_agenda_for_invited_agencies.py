"""Invited agencies see the confidentiality notice and only the identifiers they need for research."""

import datetime as dt

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.models import MeetingStatus
from marac.meetings.tests.conftest import JUDGEMENT, RISK_SUMMARY
from marac.meetings.tests.factories import add_child, add_perpetrator, confirm_declarations
from marac.people.models import Alias
from marac.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(meeting, list_case):
    item = list_case(meeting)
    victim = item.case.victim
    victim.given_name, victim.family_name, victim.date_of_birth = "Nadia", "Kowalczyk", dt.date(1991, 2, 3)
    victim.save()
    Alias.objects.create(person=victim, name="Nadia Kovalchuk")
    add_perpetrator(item.case, "Tomasz", "Brennan", date_of_birth=dt.date(1988, 7, 9), aliases=["Tom Brennan"])
    add_child(item.case, "Lily", "Brennan", date_of_birth=dt.date(2019, 4, 1))
    return item


@pytest.mark.parametrize("persona", ["housing_rep", "idva"])
def test_invited_agency_sees_the_notice_and_minimal_identifiers_only(locale, meeting, item, persona):
    response = locale.client(persona).get(reverse("meetings:detail", kwargs={"pk": meeting.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Restricted information" in page
    assert "This case list is restricted." in page  # the locality's own notice
    assert page.index("Restricted information") < page.index(item.case.reference)
    for identifier in (
        item.case.reference,
        "Nadia Kowalczyk",
        "Nadia Kovalchuk",
        "3 February 1991",
        "Tomasz Brennan",
        "Tom Brennan",
        "9 July 1988",
        "Lily Brennan",
        "1 April 2019",
    ):
        assert identifier in page, identifier
    assert RISK_SUMMARY not in page
    assert JUDGEMENT not in page
    assert "Visible high risk" not in page and "Professional judgement" not in page
    assert reverse("meetings:research", kwargs={"pk": item.pk}) in page


def test_the_agency_template_never_receives_the_agenda_item(locale, meeting, item):
    response = locale.client("housing_rep").get(reverse("meetings:detail", kwargs={"pk": meeting.pk}))
    assert "rows" not in response.context
    assert [listing.reference for listing in response.context["listings"]] == [item.case.reference]


def test_the_agenda_stays_minimal_once_the_meeting_is_held(locale, meeting, item):
    meeting.status = MeetingStatus.IN_PROGRESS
    meeting.save()
    confirm_declarations(locale, meeting, "housing_rep")
    page = locale.client("housing_rep").get(reverse("meetings:detail", kwargs={"pk": meeting.pk})).content.decode()
    assert RISK_SUMMARY not in page
    assert "Tomasz Brennan" in page


@pytest.mark.parametrize("persona", ["health_rep", "police_referrer", "analyst", "admin", "auditor"])
def test_agency_not_invited_and_roles_without_case_content_get_404(locale, meeting, item, persona):
    response = locale.client(persona).get(reverse("meetings:detail", kwargs={"pk": meeting.pk}))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, detail__object_type="meetings.meeting").exists()


def test_another_locality_gets_404(other_locale, meeting, item):
    for persona in ("coordinator", "chair", "housing_rep"):
        assert (
            other_locale.client(persona).get(reverse("meetings:detail", kwargs={"pk": meeting.pk})).status_code == 404
        )


def test_viewing_the_agenda_is_audited_with_the_cases_shown(locale, meeting, list_case):
    CaseFactory(locality=locale.locality)  # so that the cases' ids run ahead of the agenda items'
    items = [list_case(meeting), list_case(meeting)]
    assert {item.case_id for item in items} != {item.pk for item in items}
    locale.client("housing_rep").get(reverse("meetings:detail", kwargs={"pk": meeting.pk}))
    event = AuditEvent.objects.filter(action=AuditAction.LIST, object_id=str(meeting.pk)).latest("pk")
    assert sorted(event.detail["ids"]) == sorted(item.case_id for item in items)
