"""Recording a breach: it is also an incident between the protected victim and the perpetrator (so the repeat rule
re-refers the case within the window), and it brings the case's risk review forward; all in one transaction."""

import datetime as dt
import html

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.models import AutoReferral, Gravity, Incident, IncidentType
from marac.incidents.tests.helpers import scene
from marac.perpetrators.breach_services import BreachInput, breach_record
from marac.perpetrators.models import Breach
from marac.perpetrators.tests.factories import order_on
from marac.referrals.models import CaseStatus, Referral
from marac.risk.models import ReviewEvent, ReviewTrigger
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _input(**overrides) -> BreachInput:
    now = timezone.now()
    values = {
        "occurred_at": now - dt.timedelta(hours=5),
        "reported_at": now - dt.timedelta(hours=4),
        "description": "Came to her door at night and shouted through the letterbox.",
        "gravity": Gravity.MODERATE,
    }
    values.update(overrides)
    return BreachInput(**values)


@pytest.fixture
def monitored(locale):
    """The police referred her two months ago; the case is monitored; the police own a restraining order."""
    s = scene(locale, referred_months_ago=2)
    return s, order_on(s.case, owner=locale.police, perpetrator=s.perpetrator)


def test_a_breach_within_the_repeat_window_is_an_incident_a_review_trigger_and_a_repeat_referral(locale, monitored):
    s, order = monitored
    condition = order.conditions.get(position=2)
    outcome = breach_record(actor=locale.actor("police_rep"), order=order, data=_input(condition_id=condition.pk))
    breach = Breach.objects.get()
    assert outcome.breach == breach
    assert breach.reporting_agency == locale.police and breach.condition == condition

    incident = breach.incident
    assert incident.incident_type == IncidentType.BREACH
    assert (incident.victim, incident.perpetrator) == (s.victim, s.perpetrator)
    assert incident.source_agency == locale.police and incident.occurred_at == breach.occurred_at
    assert "Not to go within 100 metres" in incident.summary and breach.description in incident.summary

    repeat = Referral.objects.exclude(pk=s.referral.pk).get()
    assert outcome.repeat_referral_id == repeat.pk
    assert repeat.is_repeat and repeat.previous_referral == s.referral
    assert AutoReferral.objects.get(referral=repeat).incidents.get() == incident

    trigger = breach.review_trigger
    assert trigger.event == ReviewEvent.ORDER_BREACH and trigger.case == s.case
    assert trigger.event_at == breach.occurred_at and trigger.answered_by is None
    s.case.refresh_from_db()
    assert s.case.status == CaseStatus.REFERRED  # back to triage, as a repeat referral does
    assert s.case.next_review_due == trigger.review_due  # the review is due now

    created = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="perpetrators.breach")
    assert created.case_id == s.case.pk
    assert created.detail["incident"] == incident.pk and created.detail["repeat_referral"] == repeat.pk
    # The repeat rule's notices: no personal data.
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert s.victim.family_name not in message.body + message.subject
        assert s.perpetrator.family_name not in message.body + message.subject


def test_past_the_repeat_window_the_breach_is_an_incident_and_a_trigger_but_no_referral(locale):
    s = scene(locale, referred_months_ago=14)
    order = order_on(s.case, owner=locale.police, perpetrator=s.perpetrator)
    outcome = breach_record(actor=locale.actor("police_rep"), order=order, data=_input())
    assert outcome.repeat_referral_id is None
    assert Referral.objects.count() == 1
    assert outcome.incident.incident_type == IncidentType.BREACH
    assert outcome.review_trigger is not None


def test_a_closed_case_re_opened_by_the_repeat_takes_the_review(locale):
    s = scene(locale, referred_months_ago=3, status=CaseStatus.CLOSED)
    order = order_on(s.case, owner=locale.police, perpetrator=s.perpetrator)
    outcome = breach_record(actor=locale.actor("police_rep"), order=order, data=_input())
    assert outcome.repeat_referral_id is not None
    assert outcome.review_trigger is not None and outcome.notes == ()


def test_a_closed_case_past_the_window_is_told_rather_than_reviewed(locale):
    s = scene(locale, referred_months_ago=14, status=CaseStatus.CLOSED)
    order = order_on(s.case, owner=locale.police, perpetrator=s.perpetrator)
    outcome = breach_record(actor=locale.actor("police_rep"), order=order, data=_input())
    assert outcome.review_trigger is None and not ReviewTrigger.objects.exists()
    assert "This case is closed" in outcome.notes[0]


def test_a_referrer_records_a_breach_of_her_agencys_order_and_the_review_still_comes_forward(locale, monitored):
    """A referrer may not record review events on a case herself; the breach brings the review forward anyway."""
    _s, order = monitored
    outcome = breach_record(actor=locale.actor("police_referrer"), order=order, data=_input())
    assert outcome.review_trigger.recorded_by == locale.memberships["police_referrer"].user
    assert outcome.incident.recorded_by == locale.memberships["police_referrer"].user


def test_everything_is_undone_when_a_step_fails(locale, monitored, monkeypatch):
    _s, order = monitored

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("marac.perpetrators.breach_services.case_review_refresh", broken)
    with pytest.raises(RuntimeError):
        breach_record(actor=locale.actor("police_rep"), order=order, data=_input())
    assert not Breach.objects.exists()
    assert not Incident.objects.exists()
    assert not ReviewTrigger.objects.exists()
    assert Referral.objects.count() == 1


def test_a_victim_without_a_date_of_birth_still_has_her_breach_incident_and_review(locale, monitored):
    """The order names both people: no matching by date of birth is needed to record the incident between them."""
    s, order = monitored
    s.victim.date_of_birth = None
    s.victim.save()
    outcome = breach_record(actor=locale.actor("police_rep"), order=order, data=_input())
    assert (outcome.incident.victim, outcome.incident.perpetrator) == (s.victim, s.perpetrator)
    assert outcome.review_trigger is not None
    assert outcome.notes == ()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"occurred_at": None}, "occurred_at", "Enter the date and time of the breach."),
        ({"occurred_at": timezone.now() + dt.timedelta(hours=2)}, "occurred_at", "cannot be in the future"),
        ({"occurred_at": timezone.now() - dt.timedelta(days=40)}, "occurred_at", "a breach cannot come before it"),
        (
            {"reported_at": timezone.now() - dt.timedelta(hours=6)},
            "reported_at",
            "cannot have been reported before it happened",
        ),
        ({"gravity": None}, "gravity", "Choose how serious the breach was."),
        ({"description": " "}, "description", "Say briefly what happened."),
        ({"condition_id": 999_999}, "condition", "Choose one of this order's conditions"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_written(locale, monitored, overrides, field, message):
    _s, order = monitored
    with pytest.raises(ValidationError) as error:
        breach_record(actor=locale.actor("police_rep"), order=order, data=_input(**overrides))
    assert message in " ".join(error.value.message_dict[field])
    assert not Breach.objects.exists() and not Incident.objects.exists()


def test_a_breach_after_the_order_ended_is_not_a_breach_of_it(locale):
    s = scene(locale)
    order = order_on(s.case, owner=locale.police, perpetrator=s.perpetrator, starts_days_ago=20, ends_in_days=-10)
    with pytest.raises(ValidationError, match="this is not a breach of it"):
        breach_record(actor=locale.actor("police_rep"), order=order, data=_input())


def test_an_agency_that_cannot_see_the_order_cannot_record_a_breach_of_it(locale, monitored):
    _s, order = monitored
    with pytest.raises(PermissionDenied):
        breach_record(actor=locale.actor("housing_rep"), order=order, data=_input())
    response = locale.client("housing_rep").get(reverse("perpetrators:breach_new", args=[order.pk]))
    assert response.status_code == 404


def test_the_page_records_the_breach_and_says_what_followed(locale, monitored):
    _s, order = monitored
    client = locale.client("police_rep")
    occurred = timezone.localtime() - dt.timedelta(hours=6)
    response = client.post(
        reverse("perpetrators:breach_new", args=[order.pk]),
        {
            "condition": "whole",
            "occurred_at": occurred.date().isoformat(),
            "occurred_time": occurred.strftime("%H:%M"),
            "reported_at": occurred.date().isoformat(),
            "reported_time": (occurred + dt.timedelta(minutes=30)).strftime("%H:%M"),
            "gravity": "2",
            "description": "Sent her forty messages in one evening.",
        },
        follow=True,
    )
    text = html.unescape(response.content.decode())
    assert "Breach recorded." in text and "a repeat referral to the MARAC was made" in text
    assert "risk review has been brought forward" in text
    assert "Sent her forty messages in one evening." in text
    assert Breach.objects.get().condition is None


def test_the_page_links_errors_to_their_fields(locale, monitored):
    _s, order = monitored
    response = locale.client("police_rep").post(
        reverse("perpetrators:breach_new", args=[order.pk]), {"condition": "whole", "description": ""}
    )
    text = html.unescape(response.content.decode())
    assert '<a href="#id_occurred_at">Enter the date and time of the breach.</a>' in text
    assert '<a href="#id_gravity">Choose how serious the breach was.</a>' in text
    assert not Breach.objects.exists()


def test_the_incident_is_between_the_orders_people_even_with_an_older_record_of_her_name(locale):
    """An older record with her name and date of birth, not yet merged, is not taken for her: the order says who."""
    older = PersonFactory(locality=locale.locality, given_name="Jodie", family_name="Marsh")
    s = scene(locale)
    s.victim.given_name, s.victim.family_name, s.victim.date_of_birth = "Jodie", "Marsh", older.date_of_birth
    s.victim.save()
    order = order_on(s.case, owner=locale.police, perpetrator=s.perpetrator)
    outcome = breach_record(actor=locale.actor("police_rep"), order=order, data=_input())
    assert outcome.incident.victim == s.victim and outcome.incident.perpetrator == s.perpetrator


def test_the_breach_outlives_its_incident(locale, monitored):
    """Incidents expire on their own retention clock; the breach is the case's and stays."""
    _s, order = monitored
    outcome = breach_record(actor=locale.actor("police_rep"), order=order, data=_input())
    outcome.incident.auto_referral = None
    outcome.incident.save()
    outcome.incident.delete()
    breach = Breach.objects.get()
    assert breach.incident is None and breach.review_trigger is not None
