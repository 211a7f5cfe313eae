"""The coordinator triages a new referral from her queue and lists the case on next week's meeting."""

from marac.journeys.scenario import referred, scheduled_meeting
from marac.meetings.models import AgendaItem
from marac.referrals.models import CaseStatus, TriageStatus


def test_the_coordinator_lists_a_referral_on_a_meeting(visitor, locale):
    referral = referred(locale)
    meeting = scheduled_meeting(locale)
    reference = referral.case.reference
    page = visitor.page
    visitor.sign_in(locale.memberships["coordinator"].user, then="/referrals/")
    assert page.locator("h1").inner_text() == "Referrals to triage"

    page.get_by_role("link", name=f"Triage referral to {reference}").click()
    visitor.arrived()
    page.get_by_label("List on a scheduled meeting").check()
    page.locator("#id_meeting").select_option(str(meeting.pk))
    assert page.locator("#id_idva_agency").input_value() == str(locale.idva_service.pk)
    page.get_by_role("button", name="Save the decision").click()
    page.wait_for_url("**/referrals/")
    visitor.arrived()

    assert f"Case {reference} is listed." in page.locator(".govuk-notification-banner--success").inner_text()
    referral.refresh_from_db()
    assert referral.triage_status == TriageStatus.LISTED
    assert referral.triaged_by == locale.memberships["coordinator"].user
    assert referral.case.status == CaseStatus.LISTED
    assert referral.case.idva_agency == locale.idva_service
    item = AgendaItem.objects.get()
    assert (item.meeting, item.referral) == (meeting, referral)

    visitor.go(f"/meetings/{meeting.pk}/")
    assert reference in page.locator("main").inner_text()
