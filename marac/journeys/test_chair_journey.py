"""The chair runs the live meeting for one case by keyboard alone: start, attendance, the case's discussion, an
action with its owner agency, and closing the meeting."""

from marac.actions.models import Action
from marac.journeys.keyboard import follow_link, pick, press_button, type_into
from marac.journeys.scenario import listed, scheduled_meeting
from marac.meetings.models import Attendance, AttendanceStatus, CaseOutcome, MeetingStatus

RISK = "High risk of serious harm: strangulation and separation."
DISCUSSION = "Housing will change the locks; police will flag the address."
ACTION = "Fit new locks and a door chain at Flat 2, 14 Willow Row."
ATTENDEES = {"police": "DS Rowe", "idva_service": "Priya Shah", "housing": "Tom Kerr"}


def test_the_chair_runs_the_meeting_by_keyboard_alone(visitor, locale):
    meeting = scheduled_meeting(locale)
    item = listed(locale, meeting)
    page = visitor.page
    visitor.sign_in(locale.memberships["chair"].user, then=f"/meetings/{meeting.pk}/run/")

    with visitor.navigating():
        press_button(page, "Start the meeting")
    with visitor.navigating():
        press_button(page, "I confirm")
    for agency, name in ATTENDEES.items():
        pick(page, f"#id_status_{getattr(locale, agency).pk}", "Present")
        type_into(page, f"#id_name_{getattr(locale, agency).pk}", name)
    with visitor.navigating():
        press_button(page, "Save attendance")
    assert "Attendance saved." in page.locator(".govuk-notification-banner--success").inner_text()

    with visitor.navigating():
        press_button(page, "Start next case")
    # The page's own shortcuts: r and d move to the two boxes, Escape leaves a box.
    page.keyboard.press("r")
    page.keyboard.type(RISK)
    page.keyboard.press("Escape")
    page.keyboard.press("d")
    page.keyboard.type(DISCUSSION)
    with visitor.navigating():
        press_button(page, "Save the discussion")

    pick(page, "#id_owner_agency", locale.housing.name)
    type_into(page, "#id_text", ACTION)
    press_button(page, "Add the action")
    page.locator("#agreed-actions table").get_by_text(ACTION).wait_for()
    visitor.arrived()

    with visitor.navigating():
        follow_link(page, "Back to the running order", backwards=True)
    with visitor.navigating():
        press_button(page, "Close the meeting")
    with visitor.navigating():
        press_button(page, "Close the meeting")

    assert "The meeting is closed." in page.locator(".govuk-notification-banner--success").inner_text()
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    assert meeting.chair == locale.memberships["chair"].user
    assert (item.risk_summary, item.discussion) == (RISK, DISCUSSION)
    assert item.outcome == CaseOutcome.MONITORING
    action = Action.objects.get()
    assert (action.case, action.owner_agency, action.text) == (item.case, locale.housing, ACTION)
    present = Attendance.objects.filter(meeting=meeting, status=AttendanceStatus.PRESENT)
    assert set(present.values_list("agency__name", "attendee_name")) == {
        ("Riverside Police", "DS Rowe"),
        ("Riverside Domestic Abuse Service", "Priya Shah"),
        ("Riverside Housing", "Tom Kerr"),
    }
