"""The coordinator's research grid: what each invited agency returned on each case, late cells, totals."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.circulation.selectors import research_grid
from marac.meetings.models import ResearchFinding
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory, ResearchFactory
from marac.testing.queries import audit_lock_queries

pytestmark = pytest.mark.django_db


def meeting_with_cases(locale, count: int, *, deadline_in: dt.timedelta = dt.timedelta(days=2)):
    """Five invited agencies; police returns "known" and housing "no trace" on every case, the others nothing."""
    meeting = MeetingFactory(
        locality=locale.locality,
        research_deadline=timezone.now() + deadline_in,
        invited=[locale.police, locale.housing, locale.idva_service, locale.childrens_social_care, locale.health],
    )
    for _ in range(count):
        item = AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)
        ResearchFactory(agenda_item=item, agency=locale.police, finding=ResearchFinding.KNOWN, details="Two call-outs")
        ResearchFactory(agenda_item=item, agency=locale.housing, finding=ResearchFinding.NO_TRACE)
    return meeting


def grid_url(meeting) -> str:
    return reverse("circulation:research_grid", kwargs={"pk": meeting.pk})


def test_cells_and_totals_per_agency(locale):
    meeting = meeting_with_cases(locale, 3)
    agencies = [locale.police, locale.housing, locale.health]

    grid = research_grid(actor=locale.actor("coordinator"), meeting=meeting, agencies=agencies)

    assert len(grid.rows) == 3
    first = grid.rows[0].cells
    assert [cell.research.finding if cell.research else None for cell in first] == ["known", "no_trace", None]
    assert not any(cell.late for row in grid.rows for cell in row.cells)
    totals = {column.agency: (column.known, column.no_trace, column.outstanding) for column in grid.columns}
    assert totals == {locale.police: (3, 0, 0), locale.housing: (0, 3, 0), locale.health: (0, 0, 3)}
    assert grid.agencies_outstanding == [locale.health]


def test_missing_research_is_late_once_the_deadline_passed(locale):
    meeting = meeting_with_cases(locale, 1, deadline_in=-dt.timedelta(hours=1))

    grid = research_grid(actor=locale.actor("chair"), meeting=meeting, agencies=[locale.police, locale.health])

    assert grid.deadline_passed
    assert [cell.late for cell in grid.rows[0].cells] == [False, True]


def test_the_page_shows_findings_late_cells_and_points_of_contact(locale):
    meeting = meeting_with_cases(locale, 2, deadline_in=-dt.timedelta(hours=1))
    locale.police.contact_email = "police.marac@riverside.example.org"
    locale.police.save()

    response = locale.client("coordinator").get(grid_url(meeting))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Known to agency") == 2
    assert page.count('Late<span class="govuk-visually-hidden">: not returned</span>') == 2 * 3
    assert "2 late" in page
    assert page.count("No point of contact") == 4
    assert "Send reminders to late agencies" in page
    assert AuditEvent.objects.filter(action=AuditAction.LIST, summary__startswith="Viewed the research").exists()


def test_the_chair_sees_the_grid_without_the_reminder_button(locale):
    meeting = meeting_with_cases(locale, 1)

    page = locale.client("chair").get(grid_url(meeting)).content.decode()

    assert "Research returns" in page
    assert "Send reminders" not in page


def test_the_full_agenda_links_to_the_grid(locale):
    meeting = meeting_with_cases(locale, 1)

    page = locale.client("coordinator").get(reverse("meetings:detail", kwargs={"pk": meeting.pk})).content.decode()

    assert grid_url(meeting) in page


def queries_for(client, meeting) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(grid_url(meeting))
    assert response.status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_cases_or_agencies(locale):
    client = locale.client("coordinator")
    assert queries_for(client, meeting_with_cases(locale, 1)) == queries_for(client, meeting_with_cases(locale, 16))


def test_the_pinned_count(locale, django_assert_max_num_queries):
    """Signed-in request (5), the meeting, two audit events in savepoints (4 each), invited agencies, cases,
    research, and e-mail notices: 18."""
    meeting = meeting_with_cases(locale, 16)
    client = locale.client("coordinator")
    with django_assert_max_num_queries(18 + audit_lock_queries(2)):
        client.get(grid_url(meeting))


def test_before_circulation_the_grid_offers_no_reminders(locale):
    meeting = MeetingFactory(locality=locale.locality, circulated=False)
    AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)

    page = locale.client("coordinator").get(grid_url(meeting)).content.decode()

    assert "The case list has not been circulated yet" in page
    assert "Send reminders" not in page
