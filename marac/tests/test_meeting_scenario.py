"""Issue 5's scenario, through the pages: a 16-case MARAC from circulation to minutes, research from five agencies,
actions for six, and the review of what is still open at the following meeting."""

import datetime as dt
from html import escape
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from marac.actions.models import Action, ActionReview, ActionStatus, ReviewReason
from marac.agencies.models import AgencyType
from marac.audit.models import AuditAction, AuditEvent
from marac.circulation.reminders import research_reminders_due
from marac.governance.tests.factories import agreement_signed_by_every_agency
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus, Research
from marac.meetings.services import agenda_item_add
from marac.referrals.models import CaseStatus
from marac.testing.factories import AgencyFactory, ReferralFactory
from marac.tests.test_full_cycle import assert_redirect

pytestmark = pytest.mark.django_db

CASES = 16
RESEARCHERS = ["police_rep", "housing_rep", "social_care_rep", "health_rep", "idva"]
FIRST_NAMES = ["Amira", "Bronwen", "Chiara", "Dorota", "Ebele", "Fionnuala", "Grazyna", "Hana"]
FAMILY_NAMES = ["Okafor", "Vasquez", "Lindqvist", "Nowak"]


def the_locality_with_six_agencies(locale):
    """The five agencies of the test locality and a probation service, each with a point of contact."""
    probation = AgencyFactory(locality=locale.locality, name="Riverside Probation", agency_type=AgencyType.PROBATION)
    agreement_signed_by_every_agency(locale.locality)
    agencies = [locale.police, locale.idva_service, locale.housing, locale.childrens_social_care, locale.health]
    agencies.append(probation)
    for agency in agencies:
        agency.contact_email = f"marac-contact@{agency.agency_type.replace('_', '-')}.example"
        agency.save(update_fields=["contact_email"])
    locale.locality.coordinator_email = "marac-coordinator@riverside.example"
    locale.locality.save(update_fields=["coordinator_email"])
    return agencies, probation


def schedule(coordinator, day: dt.date, agencies) -> Meeting:
    assert_redirect(
        coordinator.post(
            reverse("meetings:new"),
            {
                "date": day.isoformat(),
                "time": "10:00",
                "mode": "live",
                "location": "Civic Centre, room 4",
                "invited_agencies": [agency.pk for agency in agencies],
            },
        )
    )
    return Meeting.objects.latest("pk")


def sixteen_referrals(locale):
    referrals = []
    for number in range(CASES):
        referrals.append(
            ReferralFactory(
                case__locality=locale.locality,
                case__victim__locality=locale.locality,
                case__victim__given_name=FIRST_NAMES[number % len(FIRST_NAMES)],
                case__victim__family_name=f"{FAMILY_NAMES[number % len(FAMILY_NAMES)]}-{number}",
                referring_agency=locale.police,
                referred_by=locale.memberships["police_referrer"].user,
            )
        )
    return referrals


def mail_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def test_sixteen_cases_from_circulation_to_minutes_and_the_carry_over_review(locale):
    agencies, probation = the_locality_with_six_agencies(locale)
    coordinator, chair = locale.client("coordinator"), locale.client("chair")
    meeting_day = timezone.localdate() + dt.timedelta(days=5)
    meeting = schedule(coordinator, meeting_day, agencies)

    # Triage lists sixteen referrals on the meeting, each with the IDVA service allocated.
    referrals = sixteen_referrals(locale)
    for referral in referrals:
        assert_redirect(
            coordinator.post(
                reverse("referrals:triage", args=[referral.pk]),
                {"decision": "list", "meeting": meeting.pk, "idva_agency": locale.idva_service.pk},
            )
        )
    items = list(AgendaItem.objects.filter(meeting=meeting).select_related("case__victim").order_by("position"))
    assert len(items) == CASES

    # Before circulation an invited agency sees neither the list nor a research form.
    assert locale.client("housing_rep").get(reverse("meetings:research", args=[items[0].pk])).status_code == 404

    # The scheduler circulates at the lead time: one notice per agency's point of contact, no personal data.
    call_command("circulate_case_lists", stdout=StringIO())
    meeting.refresh_from_db()
    assert meeting.circulation.circulated_by is None
    for agency in agencies:
        assert len(mail_to(agency.contact_email)) == 1
    for message in mail.outbox:
        for item in items:
            assert item.case.reference not in message.body
            assert item.case.victim.family_name not in message.body
    call_command("circulate_case_lists", stdout=StringIO())
    assert len(mail.outbox) == len(agencies)

    # Five agencies research every case; probation returns nothing.
    for persona in RESEARCHERS:
        client = locale.client(persona)
        agenda = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
        assert all(item.case.reference in agenda for item in items)
        for number, item in enumerate(items):
            finding = {"finding": "known", "details": f"Known to us since 202{number % 6}."} if number % 3 else {}
            assert_redirect(
                client.post(reverse("meetings:research", args=[item.pk]), finding or {"finding": "no_trace"})
            )
    assert Research.objects.filter(agenda_item__meeting=meeting).count() == CASES * len(RESEARCHERS)

    # The coordinator's grid shows probation as the agency with every case outstanding, and chases it.
    grid = coordinator.get(reverse("circulation:research_grid", args=[meeting.pk]))
    assert grid.status_code == 200
    assert_redirect(coordinator.post(reverse("circulation:research_reminders", args=[meeting.pk])))
    assert len(mail_to(probation.contact_email)) == 2
    assert all(len(mail_to(agency.contact_email)) == 1 for agency in agencies if agency != probation)
    # After the deadline the scheduler tells probation it is late, and the coordinator, once.
    after_deadline = meeting.research_deadline + dt.timedelta(hours=1)
    research_reminders_due(now=after_deadline)
    research_reminders_due(now=after_deadline)
    assert len(mail_to(probation.contact_email)) == 3
    assert len(mail_to(locale.locality.coordinator_email)) == 1

    # The meeting: started, declarations, attendance with probation's apologies.
    assert_redirect(chair.post(reverse("meetings:start", args=[meeting.pk])))
    assert_redirect(chair.post(reverse("meetings:declare", args=[meeting.pk])))
    attendance = {}
    for agency in agencies:
        present = agency != probation
        attendance[f"status_{agency.pk}"] = "present" if present else "apologies"
        attendance[f"name_{agency.pk}"] = f"Representative of {agency.name}" if present else ""
    assert_redirect(chair.post(reverse("meetings:attendance", args=[meeting.pk]), attendance))

    # Each case is discussed and gets actions; across the meeting every one of the six agencies owns some.
    due = (timezone.localdate() + dt.timedelta(days=21)).isoformat()
    for number, item in enumerate(items):
        assert chair.get(reverse("meetings:item", args=[item.pk])).status_code == 200
        assert_redirect(
            chair.post(
                reverse("meetings:item", args=[item.pk]),
                {"risk_summary": f"High risk, case {number + 1}.", "discussion": "Agencies shared what they hold."},
            )
        )
        for owner in (agencies[number % 6], agencies[(number + 1) % 6]):
            assert_redirect(
                chair.post(
                    reverse("meetings:item_action_add", args=[item.pk]),
                    {
                        "owner_agency": owner.pk,
                        "catalogue_action": "",
                        "text": f"{owner.name}: safety step {number + 1}",
                        "due_date": due,
                    },
                )
            )
    actions = Action.objects.filter(case__agenda_items__meeting=meeting)
    assert actions.count() == CASES * 2
    assert set(actions.values_list("owner_agency", flat=True)) == {agency.pk for agency in agencies}
    assert all(item_started for item_started in AgendaItem.objects.values_list("discussion_started_at", flat=True))

    assert_redirect(
        chair.post(reverse("meetings:close", args=[meeting.pk]), {f"outcome_{item.pk}": "monitoring" for item in items})
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED

    # Minutes: every agency is told they are ready; each reads its own version, with only its own actions.
    call_command("minutes_notices", stdout=StringIO())
    call_command("minutes_notices", stdout=StringIO())
    for agency in agencies:
        assert len([m for m in mail_to(agency.contact_email) if "minutes" in m.subject.lower()]) == 1
    housing_minutes = locale.client("housing_rep").get(reverse("meetings:minutes", args=[meeting.pk]))
    body = housing_minutes.content.decode()
    assert all(item.case.reference in body for item in items)
    assert escape(f"{locale.housing.name}: safety step") in body
    assert escape(f"{locale.police.name}: safety step") not in body
    pdf = locale.client("police_rep").get(reverse("meetings:minutes_pdf", args=[meeting.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, object_id=str(meeting.pk), actor=locale.memberships["police_rep"].user
    ).exists()

    # Between meetings the police complete their actions; the others stay open.
    for action in Action.objects.filter(owner_agency=locale.police):
        assert_redirect(
            locale.client("police_rep").post(
                reverse("actions:update", args=[action.pk]), {"status": "done", "note": "Done."}
            )
        )

    # The following meeting hears three of the cases again and reviews what is still open on them.
    following = schedule(coordinator, meeting_day + dt.timedelta(days=14), agencies)
    returning = items[:3]
    for item in returning:
        agenda_item_add(actor=locale.actor("coordinator"), meeting=following, referral=item.referral)
    assert_redirect(chair.post(reverse("meetings:start", args=[following.pk])))
    assert_redirect(chair.post(reverse("meetings:declare", args=[following.pk])))
    reasons = [ReviewReason.AGENCY_DID_NOT_ACT, ReviewReason.CIRCUMSTANCES_CHANGED, ReviewReason.STILL_IN_PROGRESS]
    reviewed = []
    for item, reason in zip(returning, reasons, strict=True):
        new_item = AgendaItem.objects.get(meeting=following, case=item.case)
        page = chair.get(reverse("meetings:item", args=[new_item.pk])).content.decode()
        still_open = Action.objects.filter(case=item.case, status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
        done = Action.objects.filter(case=item.case, status=ActionStatus.DONE)
        assert still_open.exists()
        assert all(escape(action.text) in page for action in still_open)
        assert all(escape(action.text) not in page for action in done)
        for action in still_open:
            assert_redirect(
                chair.post(
                    reverse("meetings:item_action_review", args=[new_item.pk, action.pk]),
                    {f"review-{action.pk}-reason": reason, f"review-{action.pk}-note": "Reviewed at the meeting."},
                )
            )
            reviewed.append((action, reason))
    for action, reason in reviewed:
        assert ActionReview.objects.get(action=action, agenda_item__meeting=following).reason == reason

    for item in AgendaItem.objects.filter(meeting=following):
        assert_redirect(
            chair.post(
                reverse("meetings:item", args=[item.pk]),
                {"risk_summary": "Risk reduced but not removed.", "discussion": "Reviewed the open actions."},
            )
        )
    assert_redirect(
        chair.post(
            reverse("meetings:close", args=[following.pk]),
            {f"outcome_{item.pk}": "monitoring" for item in AgendaItem.objects.filter(meeting=following)},
        )
    )
    minutes = coordinator.get(reverse("meetings:minutes", args=[following.pk])).content.decode()
    assert "Agency did not act" in minutes and "Circumstances changed" in minutes
    assert {item.case.status for item in AgendaItem.objects.filter(meeting=following)} == {CaseStatus.MONITORING}
