"""When an agency records an event the protocol lists for its type on a known case, it is shown the duty at once."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.duties.models import Duty, DutyStatus, EventKind, ReportedEvent
from marac.duties.tests.helpers import event_post, known_case, text_of
from marac.referrals.models import Referral

pytestmark = pytest.mark.django_db


def test_recording_a_disclosure_shows_the_duty(locale):
    s = known_case(locale)
    client = locale.client("housing_rep")

    response = client.post(reverse("duties:event_new", args=[s.case.pk]), event_post(), follow=True)

    duty = Duty.objects.get()
    assert response.redirect_chain[-1][0] == reverse("duties:detail", args=[duty.pk])
    text = text_of(response)
    assert f"Recorded on case {s.case.reference}: disclosure of abuse." in text
    assert f"The MARAC protocol asks your agency to refer case {s.case.reference} back after this event." in text
    assert "he has been coming to the flat at night again" in text
    assert "Refer the case back" in text and "Do not refer back" in text
    assert (duty.agency, duty.case, duty.event_kind, duty.status) == (
        locale.housing,
        s.case,
        EventKind.DISCLOSURE,
        DutyStatus.OPEN,
    )
    assert duty.reported_event == ReportedEvent.objects.get()
    assert duty.raised_by == locale.memberships["housing_rep"].user
    raised = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="duties.duty")
    assert raised.case_id == s.case.pk and raised.detail["event_kind"] == "disclosure"
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="duties.reportedevent").exists()


def test_an_incident_that_is_no_repeat_shows_the_duty(locale):
    """No perpetrator named, so the repeat rule makes no referral: the agency's duty stays to answer."""
    s = known_case(locale)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = locale.client("housing_rep").post(
        reverse("incidents:new"),
        {
            "occurred_at": yesterday.isoformat(),
            "occurred_time": "21:40",
            "incident_type": "threats",
            "gravity": "3",
            "source_reference": "",
            "victim_given_name": s.victim.given_name,
            "victim_family_name": s.victim.family_name,
            "victim_aliases": "",
            "victim_date_of_birth_day": str(s.victim.date_of_birth.day),
            "victim_date_of_birth_month": str(s.victim.date_of_birth.month),
            "victim_date_of_birth_year": str(s.victim.date_of_birth.year),
            "perpetrator_given_name": "",
            "perpetrator_family_name": "",
            "perpetrator_aliases": "",
            "children_present": "0",
            "summary": "A man she would not name threatened her at the door of the flat.",
        },
        follow=True,
    )
    duty = Duty.objects.get()
    assert duty.event_kind == EventKind.NEW_INCIDENT and duty.status == DutyStatus.OPEN
    assert duty.incident.victim == s.victim
    assert response.redirect_chain[-1][0] == reverse("duties:detail", args=[duty.pk])
    text = text_of(response)
    assert "Incident recorded for" in text and "A man she would not name threatened her" in text
    assert Referral.objects.count() == 1


def test_an_event_the_protocol_does_not_list_leads_back_to_the_case(locale):
    s = known_case(locale)
    response = locale.client("police_rep").post(
        reverse("duties:event_new", args=[s.case.pk]), event_post(kind=EventKind.VICTIM_MOVED), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("referrals:case_detail", args=[s.case.pk])
    assert f"Recorded on case {s.case.reference}: the victim moves." in text_of(response)
    assert not Duty.objects.exists() and ReportedEvent.objects.count() == 1


def test_the_event_form_checks_what_it_is_given(locale):
    s = known_case(locale)
    response = locale.client("housing_rep").post(
        reverse("duties:event_new", args=[s.case.pk]), event_post(hours_ago=-30) | {"note": ""}
    )
    text = text_of(response)
    assert response.status_code == 200
    assert "Say what was disclosed, or where she has moved." in text
    assert not ReportedEvent.objects.exists()
    response = locale.client("housing_rep").post(
        reverse("duties:event_new", args=[s.case.pk]), event_post(hours_ago=-30)
    )
    assert "It must have happened already" in text_of(response)
    assert not ReportedEvent.objects.exists()


def test_the_case_page_offers_the_form_and_lists_what_was_recorded(locale):
    s = known_case(locale)
    housing = locale.client("housing_rep")
    housing.post(reverse("duties:event_new", args=[s.case.pk]), event_post())
    text = text_of(housing.get(reverse("referrals:case_detail", args=[s.case.pk])))
    assert "Record a disclosure or the victim's move" in text
    assert "he has been coming to the flat at night again" in text
    assert "Referral-back duties on this case" in text
    chair = text_of(locale.client("chair").get(reverse("referrals:case_detail", args=[s.case.pk])))
    assert "Record a disclosure or the victim's move" not in chair
    assert "Referral-back duties on this case" in chair
