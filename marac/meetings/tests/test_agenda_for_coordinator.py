"""The coordinator and chair see each case's criteria and which agency has posted what."""

import pytest
from django.urls import reverse

from marac.meetings.models import ResearchFinding
from marac.meetings.tests.factories import ResearchFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["coordinator", "chair"])
def test_agenda_shows_criteria_with_repeat_and_the_research_grid(locale, meeting, list_case, persona):
    repeat = list_case(meeting, is_repeat=True)
    first_time = list_case(meeting)
    ResearchFactory(agenda_item=repeat, agency=locale.housing, finding=ResearchFinding.KNOWN, details="Arrears")
    ResearchFactory(agenda_item=repeat, agency=locale.police, finding=ResearchFinding.NO_TRACE)

    response = locale.client(persona).get(reverse("meetings:detail", kwargs={"pk": meeting.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert repeat.case.victim.full_name in page and first_time.case.victim.full_name in page
    assert ">Repeat<" in page
    assert reverse("meetings:run", kwargs={"pk": meeting.pk}) in page

    rows = {row.item.pk: row for row in response.context["rows"]}
    assert rows[repeat.pk].criteria == ["Professional judgement", "Repeat"]
    assert rows[first_time.pk].criteria == ["Professional judgement"]
    cells = {cell.agency: cell.research for cell in rows[repeat.pk].research}
    assert cells[locale.housing].finding == ResearchFinding.KNOWN
    assert cells[locale.police].finding == ResearchFinding.NO_TRACE
    assert cells[locale.idva_service] is None
    assert locale.health not in cells  # not invited, so no column
    assert rows[repeat.pk].research_posted == 2
    assert rows[first_time.pk].research_posted == 0
