"""The agenda costs the same number of queries for one case as for a full meeting of sixteen."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.actions.tests.factories import ActionFactory
from marac.meetings.models import ResearchFinding
from marac.meetings.services import meeting_start
from marac.meetings.tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    ResearchFactory,
    add_child,
    add_perpetrator,
    confirm_declarations,
)
from marac.people.models import Alias
from marac.testing.queries import audit_lock_queries

pytestmark = pytest.mark.django_db


def meeting_with_cases(locale, count: int):
    meeting = MeetingFactory(locality=locale.locality)
    earlier = MeetingFactory(locality=locale.locality, scheduled_for=timezone.now() - dt.timedelta(days=28))
    for _ in range(count):
        item = AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police, referral__is_repeat=True)
        Alias.objects.create(person=item.case.victim, name=f"{item.case.victim.given_name} Smith")
        add_perpetrator(item.case, "Dale", "Synthetic", aliases=["D Synthetic"])
        add_child(item.case, "Robin", "Synthetic")
        for agency, finding in (
            (locale.police, ResearchFinding.KNOWN),
            (locale.housing, ResearchFinding.NO_TRACE),
            (locale.health, ResearchFinding.KNOWN),
        ):
            ResearchFactory(agenda_item=item, agency=agency, finding=finding, details="Synthetic details")
        earlier_item = AgendaItemFactory(meeting=earlier, referral=item.referral, case=item.case)
        ActionFactory(case=item.case, owner_agency=locale.housing, agenda_item=earlier_item)
    return meeting


def queries_for(client, meeting) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("meetings:detail", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["coordinator", "housing_rep"])
def test_agenda_queries_do_not_grow_with_the_number_of_cases(locale, persona):
    client = locale.client(persona)
    one = queries_for(client, meeting_with_cases(locale, 1))
    sixteen_meeting = meeting_with_cases(locale, 16)
    sixteen = queries_for(client, sixteen_meeting)
    assert sixteen == one
    response = client.get(reverse("meetings:detail", kwargs={"pk": sixteen_meeting.pk}))
    rows = response.context.get("rows") or response.context["listings"]
    assert len(rows) == 16


def test_the_pinned_count(locale, django_assert_max_num_queries):
    client = locale.client("coordinator")
    meeting = meeting_with_cases(locale, 16)
    with django_assert_max_num_queries(19 + audit_lock_queries(2)):
        client.get(reverse("meetings:detail", kwargs={"pk": meeting.pk}))


def start_with_declaration(locale, meeting, persona):
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, persona)
    return meeting


@pytest.mark.parametrize("persona", ["coordinator", "housing_rep"])
def test_in_progress_the_declaration_check_adds_one_query_whatever_the_number_of_cases(locale, persona):
    client = locale.client(persona)
    one = queries_for(client, start_with_declaration(locale, meeting_with_cases(locale, 1), persona))
    sixteen = queries_for(client, start_with_declaration(locale, meeting_with_cases(locale, 16), persona))
    assert sixteen == one


def test_the_pinned_count_in_progress(locale, django_assert_max_num_queries):
    """The scheduled agenda's pin, plus the one query that finds the reader's declaration."""
    client = locale.client("coordinator")
    meeting = start_with_declaration(locale, meeting_with_cases(locale, 16), "coordinator")
    with django_assert_max_num_queries(20 + audit_lock_queries(2)):
        client.get(reverse("meetings:detail", kwargs={"pk": meeting.pk}))
