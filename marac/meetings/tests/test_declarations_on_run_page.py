"""The run page shows, beside each invited agency's attendance, who has confirmed the declaration and when."""

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.agencies.models import Role
from marac.meetings.declarations import CURRENT_DECLARATION
from marac.meetings.models import Declaration
from marac.meetings.services import meeting_start
from marac.meetings.tests.factories import MeetingFactory, confirm_declarations
from marac.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def run_page(locale, meeting, persona="chair") -> str:
    response = locale.client(persona).get(reverse("meetings:run", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    return response.content.decode()


def agency_row(page: str, agency) -> str:
    match = re.search(rf"<tr[^>]*>\s*<th[^>]*>{re.escape(html.escape(agency.name))}</th>.*?</tr>", page, re.S)
    assert match, agency.name
    return match.group(0)


def name_of(locale, persona) -> str:
    return locale.memberships[persona].user.get_full_name()


def test_each_agency_row_lists_who_confirmed_and_when(locale, meeting, list_case):
    list_case(meeting)
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair", "housing_rep", "police_rep")
    at = timezone.localtime().replace(hour=9, minute=41)
    Declaration.objects.filter(user=locale.memberships["housing_rep"].user).update(confirmed_at=at)

    page = run_page(locale, meeting)
    housing = agency_row(page, locale.housing)
    assert f"{name_of(locale, 'housing_rep')} (Agency representative), 09:41" in housing
    police = agency_row(page, locale.police)
    assert f"{name_of(locale, 'chair')} (Chair)" in police
    assert f"{name_of(locale, 'police_rep')} (Agency representative)" in police
    assert "No one yet" in agency_row(page, locale.childrens_social_care)
    assert name_of(locale, "housing_rep") not in police


def test_someone_acting_for_an_agency_not_invited_is_listed_apart(locale, list_case):
    meeting = MeetingFactory(locality=locale.locality, invited=[locale.police, locale.housing])
    list_case(meeting)
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "coordinator")
    page = run_page(locale, meeting, "coordinator")
    assert "Also confirmed the declaration" in page
    assert f"{name_of(locale, 'coordinator')} (Coordinator, {locale.idva_service.name})" in page


def test_before_the_start_no_one_is_asked_yet(locale, meeting):
    page = run_page(locale, meeting)
    assert "Confirmed confidentiality" in page
    assert "Asked when the meeting starts" in agency_row(page, locale.police)


def test_the_run_page_costs_the_same_for_one_declaration_as_for_many(locale, meeting, list_case):
    list_case(meeting)
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair")
    client = locale.client("chair")
    url = reverse("meetings:run", kwargs={"pk": meeting.pk})
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(12):
        membership = MembershipFactory(agency=locale.housing, role=Role.AGENCY_REP)
        Declaration.objects.create(
            meeting=meeting,
            user=membership.user,
            agency=locale.housing,
            role=membership.role,
            text_version=CURRENT_DECLARATION.version,
            confirmed_at=timezone.now() + dt.timedelta(minutes=number),
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(many) == len(one)
    assert page.count("(Agency representative)") == 12
