"""The minutes cost the same number of queries for one case as for a full meeting of sixteen."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marac.meetings.minutes import minutes_for
from marac.meetings.tests.minutes_fixtures import closed_meeting_with_cases

pytestmark = pytest.mark.django_db

# The cases, their actions, their reviews of earlier actions (with the actions' agencies), and the attendance.
# Whether the reader's agency signed the current agreement came with the actor's memberships.
MINUTES_QUERIES = 4


@pytest.mark.parametrize("count", [1, 16])
@pytest.mark.parametrize("persona", ["coordinator", "housing_rep"])
def test_the_selector_takes_the_same_queries_for_one_case_and_sixteen(
    locale, persona, count, django_assert_num_queries
):
    meeting = closed_meeting_with_cases(locale, count).meeting
    actor = locale.actor(persona)
    with django_assert_num_queries(MINUTES_QUERIES):
        minutes = minutes_for(actor=actor, meeting=meeting)
    assert len(minutes.cases) == count


def queries_for(client, name, meeting) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name, kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["meetings:minutes", "meetings:minutes_pdf"])
@pytest.mark.parametrize("persona", ["chair", "police_rep"])
def test_the_pages_take_the_same_queries_for_one_case_and_sixteen(locale, persona, name):
    client = locale.client(persona)
    one = queries_for(client, name, closed_meeting_with_cases(locale, 1).meeting)
    sixteen = queries_for(client, name, closed_meeting_with_cases(locale, 16).meeting)
    assert sixteen == one
