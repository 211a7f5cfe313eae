"""The IDVA opens her service's cases and records a call with the victim, in the victim's own words."""

import re

from marac.idva.models import ContactMethod, VictimContact
from marac.journeys.scenario import listed, scheduled_meeting

VIEWS = "I want him kept away from the children's school."


def test_the_idva_records_contact_with_the_victim(visitor, locale):
    case = listed(locale, scheduled_meeting(locale)).case
    victim = case.victim.full_name
    page = visitor.page
    visitor.sign_in(locale.memberships["idva"].user, then="/idva/cases/")
    assert case.reference in page.locator("table").inner_text()

    page.get_by_role("link", name=f"Record contact with {victim}").click()
    visitor.arrived()
    page.get_by_label("How did you contact her, or try to?").select_option(ContactMethod.PHONE)
    page.get_by_label("Did you reach her?").select_option("yes")
    page.get_by_label("Her views, wishes and fears, in her own words").fill(VIEWS)
    page.get_by_role("button", name="Save contact").click()
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    visitor.arrived()

    assert f"Contact with {victim} recorded." in page.locator(".govuk-notification-banner--success").inner_text()
    contact = VictimContact.objects.get()
    assert (contact.case, contact.agency) == (case, locale.idva_service)
    assert (contact.method, contact.successful, contact.victim_views) == (ContactMethod.PHONE, True, VIEWS)
    assert contact.recorded_by == locale.memberships["idva"].user
