"""Housing's representative finds a listed case on the circulated case list and posts what housing knows."""

import re

from marac.journeys.scenario import listed, scheduled_meeting
from marac.meetings.models import Research, ResearchFinding

DETAILS = "Tenant of Flat 2 since 2024; a request for new locks in March."


def test_an_agency_representative_posts_research(visitor, locale):
    meeting = scheduled_meeting(locale)
    item = listed(locale, meeting)
    reference = item.case.reference
    page = visitor.page
    visitor.sign_in(locale.memberships["housing_rep"].user, then=f"/meetings/{meeting.pk}/")
    assert item.case.victim.full_name in page.locator("main").inner_text()

    page.get_by_role("link", name=f"Post your research for case {reference}").click()
    visitor.arrived()
    page.get_by_label("Known to agency").check()
    page.get_by_label("What your agency knows").fill(DETAILS)
    page.get_by_role("button", name="Save research").click()
    page.wait_for_url(re.compile(rf"/meetings/{meeting.pk}/$"))
    visitor.arrived()

    assert f"Research for {reference} saved." in page.locator(".govuk-notification-banner--success").inner_text()
    assert page.get_by_role("link", name=f"Change your research for case {reference}").is_visible()
    research = Research.objects.get()
    assert (research.agenda_item, research.agency) == (item, locale.housing)
    assert (research.finding, research.details) == (ResearchFinding.KNOWN, DETAILS)
    assert research.submitted_by == locale.memberships["housing_rep"].user
