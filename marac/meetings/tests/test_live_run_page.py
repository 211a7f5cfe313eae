"""The running order as the live meeting's home: each case's state and time spent, the meeting against its plan,
and one button to the next case; attendance and declarations stay on the same page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.meetings.services import meeting_start
from marac.meetings.tests.factories import confirm_declarations

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(locale, meeting, list_case):
    return [list_case(meeting) for _ in range(4)]


def run_page(locale, meeting, persona="chair"):
    response = locale.client(persona).get(reverse("meetings:run", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    return response.content.decode()


def row_of(page, item):
    start = page.index(f'href="{reverse("meetings:item", kwargs={"pk": item.pk})}"')
    return page[start : page.index("</tr>", start)]


def test_before_the_start_the_plan_is_shown_and_no_case_can_be_started(locale, meeting, items):
    page = run_page(locale, meeting)
    assert "Not started. Planned: 48 min (4 cases × 12 min)" in page
    assert 'id="start-next-case"' not in page
    assert "Not started</strong>" in row_of(page, items[0])


def test_each_case_shows_its_state_and_the_time_spent(locale, meeting, items):
    now = timezone.now()
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair")
    meeting.started_at = now - dt.timedelta(minutes=40)
    meeting.save()
    discussed, left, current, waiting = items
    discussed.discussion_started_at = now - dt.timedelta(minutes=40)
    discussed.discussion_ended_at = now - dt.timedelta(minutes=26)
    discussed.discussed_at = discussed.discussion_ended_at
    discussed.save()
    left.discussion_started_at = now - dt.timedelta(minutes=26)
    left.discussion_ended_at = now - dt.timedelta(minutes=20)
    left.save()
    current.discussion_started_at = now - dt.timedelta(minutes=20)
    current.save()

    page = run_page(locale, meeting)
    assert "Discussed</strong>" in row_of(page, discussed)
    assert "14 min</strong>" in row_of(page, discussed)
    assert "past the target" in row_of(page, discussed)
    assert "Discussion not saved</strong>" in row_of(page, left)
    assert "6 min</strong>" in row_of(page, left)
    assert "In discussion</strong>" in row_of(page, current)
    assert "20 min</strong>" in row_of(page, current)
    assert "past the limit" in row_of(page, current)
    assert "Not started</strong>" in row_of(page, waiting)
    assert "40 min of 48 planned" in page
    assert "Spent on cases</dt>" in page
    assert "40 min</dd>" in page


def test_start_next_case_goes_to_the_first_case_not_discussed_and_moves_on_from_the_current_one(locale, meeting, items):
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair")
    first, second, third, _ = items
    now = timezone.now()
    first.discussion_started_at, first.discussion_ended_at, first.discussed_at = now, now, now
    first.save()
    third.discussion_started_at = now
    third.save()

    page = run_page(locale, meeting)
    expected = f"{reverse('meetings:item', kwargs={'pk': second.pk})}?from={third.pk}"
    assert f'href="{expected}" class="govuk-button"' in page
    assert f'Start next case<span class="govuk-visually-hidden">:</span> {second.case.reference}' in page

    locale.client("chair").get(expected)
    third.refresh_from_db()
    second.refresh_from_db()
    assert third.discussion_ended_at is not None
    assert second.discussion_started_at is not None


def test_the_case_in_discussion_is_continued(locale, meeting, items):
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair")
    items[0].discussion_started_at = timezone.now()
    items[0].save()
    page = run_page(locale, meeting)
    assert f"Continue with case {items[0].case.reference}" in page
    assert f'href="{reverse("meetings:item", kwargs={"pk": items[0].pk})}" class="govuk-button"' in page


def test_attendance_and_declarations_stay_on_the_running_order(locale, meeting, items):
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair")
    page = run_page(locale, meeting)
    assert f'action="{reverse("meetings:attendance", kwargs={"pk": meeting.pk})}"' in page
    assert "Confirmed confidentiality" in page
    assert page.index('id="running-order"') < page.index('id="attendance"')
