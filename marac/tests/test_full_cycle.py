"""A whole MARAC cycle through the pages, as the people who use it would walk it."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from marac.actions.models import Action, ActionStatus
from marac.idva.models import ReportBack
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus, Research
from marac.referrals.models import Case, CaseStatus, Referral, TriageStatus
from marac.referrals.tests.factories import form_data


def assert_redirect(response) -> None:
    body = response.content.decode()
    start = body.find("govuk-error-summary")
    assert response.status_code == 302, body[start : start + 1500] if start >= 0 else body[-1500:]


def test_referral_to_completed_actions_and_a_repeat_that_joins_the_case(locale):
    coordinator = locale.client("coordinator")

    # A police officer refers: 15 "yes" answers meet visible high risk.
    assert_redirect(locale.client("police_referrer").post(reverse("referrals:new"), form_data(yes=15)))
    referral = Referral.objects.get()
    assert referral.meets_visible_high_risk and not referral.is_repeat
    case = referral.case
    assert case.status == CaseStatus.REFERRED

    # The coordinator schedules a meeting inviting every agency, and lists the referral on it.
    # It meets today, so that everything after it can happen in the test's present.
    meeting_day = timezone.localdate()
    agencies = [locale.police, locale.idva_service, locale.housing, locale.childrens_social_care, locale.health]
    assert_redirect(
        coordinator.post(
            reverse("meetings:new"),
            {
                "date": meeting_day.isoformat(),
                "time": "00:00",
                "mode": "live",
                "location": "Civic Centre, room 4",
                "invited_agencies": [agency.pk for agency in agencies],
            },
        )
    )
    meeting = Meeting.objects.get()
    assert_redirect(
        coordinator.post(
            reverse("referrals:triage", args=[referral.pk]),
            {"decision": "list", "meeting": meeting.pk, "idva_agency": locale.idva_service.pk},
        )
    )
    referral.refresh_from_db()
    case.refresh_from_db()
    assert referral.triage_status == TriageStatus.LISTED
    assert case.status == CaseStatus.LISTED
    item = AgendaItem.objects.get(meeting=meeting, case=case)
    # The coordinator circulates the case list without waiting for the lead time.
    assert_redirect(coordinator.post(reverse("circulation:circulate", args=[meeting.pk])))

    # Two agencies see the case list and post their research before the meeting.
    for persona, finding, details in [
        ("housing_rep", "known", "Tenant since 2021; two repair requests for a broken door lock."),
        ("health_rep", "known", "Attended the emergency department in March with a wrist injury."),
    ]:
        client = locale.client(persona)
        agenda = client.get(reverse("meetings:detail", args=[meeting.pk]))
        assert agenda.status_code == 200
        assert case.reference in agenda.content.decode()
        assert_redirect(
            client.post(reverse("meetings:research", args=[item.pk]), {"finding": finding, "details": details})
        )
    assert Research.objects.filter(agenda_item=item).count() == 2

    # The meeting: start, discuss, and agree actions for three agencies.
    assert_redirect(coordinator.post(reverse("meetings:start", args=[meeting.pk])))
    assert_redirect(coordinator.post(reverse("meetings:declare", args=[meeting.pk])))
    assert_redirect(
        coordinator.post(
            reverse("meetings:item", args=[item.pk]),
            {"risk_summary": "High risk: strangulation, separation.", "discussion": "Agencies shared history."},
        )
    )
    due = (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    owners = [locale.police, locale.housing, locale.childrens_social_care]
    for owner, text in zip(
        owners,
        ["Flag the address for an urgent response", "Fit new locks within 48 hours", "Visit the children at school"],
        strict=True,
    ):
        assert_redirect(
            coordinator.post(
                reverse("meetings:item_action_add", args=[item.pk]),
                {"owner_agency": owner.pk, "catalogue_action": "", "text": text, "due_date": due},
            )
        )
    assert {action.owner_agency for action in Action.objects.filter(case=case)} == set(owners)

    # Closing the meeting keeps the case under monitoring and gives the IDVA a report-back task.
    assert_redirect(
        coordinator.post(reverse("meetings:close", args=[meeting.pk]), {f"outcome_{item.pk}": "monitoring"})
    )
    meeting.refresh_from_db()
    case.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    assert case.status == CaseStatus.MONITORING
    report_back = ReportBack.objects.get(case=case, meeting=meeting)
    assert report_back.agency == locale.idva_service

    # Each owner agency completes its own action.
    for persona, owner in [
        ("police_rep", locale.police),
        ("housing_rep", locale.housing),
        ("social_care_rep", locale.childrens_social_care),
    ]:
        action = Action.objects.get(case=case, owner_agency=owner)
        assert_redirect(
            locale.client(persona).post(
                reverse("actions:update", args=[action.pk]), {"status": "done", "note": "Done."}
            )
        )
    assert set(Action.objects.filter(case=case).values_list("status", flat=True)) == {ActionStatus.DONE}

    # The IDVA tells the victim what was agreed.
    told_at = timezone.localtime()
    assert_redirect(
        locale.client("idva").post(
            reverse("idva:report_back_complete", args=[report_back.pk]),
            {
                "victim_told_at": told_at.strftime("%d/%m/%Y"),
                "victim_told_time": told_at.strftime("%H:%M"),
                "method": "phone",
                "note": "Told her.",
            },
        )
    )
    report_back.refresh_from_db()
    assert report_back.completed_at is not None and report_back.method == "phone"

    # Two months later another agency refers her again, spelling her name without the accent: a repeat.
    repeat = form_data(yes=3, given_name="Zoe", family_name="ONeill")
    assert_redirect(locale.client("health_rep").post(reverse("referrals:new"), repeat))
    newest = Referral.objects.latest("pk")
    assert newest.is_repeat
    assert newest.previous_referral == referral
    assert newest.case == case
    assert Case.objects.count() == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.REFERRED
