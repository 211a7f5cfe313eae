"""Where the repeat rule already referred the case back from the same incident (or a breach's incident), the duty is
recorded as met by that referral: shown as met, never a second referral."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.duties.models import Duty, DutyStatus, EventKind
from marac.duties.tests.helpers import known_case, text_of
from marac.incidents.models import AutoReferral, Gravity, IncidentType
from marac.incidents.services import IncidentInput, incident_record
from marac.people.services import PersonDetails
from marac.perpetrators.breach_services import BreachInput, breach_record
from marac.perpetrators.tests.factories import order_on
from marac.referrals.models import Referral
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _details(person) -> PersonDetails:
    return PersonDetails(
        given_name=person.given_name, family_name=person.family_name, date_of_birth=person.date_of_birth
    )


def test_a_repeat_incident_meets_the_duty_with_the_rules_referral(locale):
    s = known_case(locale)
    outcome = incident_record(
        actor=locale.actor("police_rep"),
        data=IncidentInput(
            occurred_at=timezone.now() - dt.timedelta(hours=3),
            incident_type=IncidentType.PHYSICAL,
            gravity=Gravity.SERIOUS,
            victim=_details(s.victim),
            perpetrator=_details(s.perpetrator),
            summary="Punched her in the street outside the school.",
        ),
    )
    auto = AutoReferral.objects.get()
    assert outcome.rules.referrals_created == [auto.referral_id]
    duty = Duty.objects.get()
    assert duty.event_kind == EventKind.NEW_INCIDENT and duty.incident == outcome.incident
    assert duty.status == DutyStatus.MET_AUTOMATICALLY and duty.referral == auto.referral
    assert duty.answered_at is not None and duty.answered_by is None
    # One referral back, the rule's, besides the first referral: none made twice.
    assert Referral.objects.count() == 2


def test_a_breach_that_is_a_repeat_meets_the_duty_and_the_page_says_so(locale):
    s = known_case(locale)
    order = order_on(s.case, owner=locale.police, perpetrator=s.perpetrator)
    occurred = timezone.localtime() - dt.timedelta(hours=6)
    response = locale.client("police_rep").post(
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
    duty = Duty.objects.get()
    assert duty.event_kind == EventKind.BREACH and duty.status == DutyStatus.MET_AUTOMATICALLY
    assert duty.referral == AutoReferral.objects.get().referral
    assert Referral.objects.count() == 2
    assert response.redirect_chain[-1][0] == reverse("perpetrators:order_detail", args=[order.pk])
    assert "The repeat rule has already referred it back on your agency's behalf: the duty is met." in text_of(response)


def test_a_breach_outside_the_repeat_rule_leaves_the_duty_to_answer(locale):
    """The order is against a perpetrator who is not a party to the case: the rule makes no repeat referral."""
    s = known_case(locale)
    stranger = PersonFactory(locality=locale.locality, given_name="Rory", family_name="Vance")
    other = order_on(s.case, owner=locale.police, perpetrator=stranger)
    outcome = breach_record(
        actor=locale.actor("police_rep"),
        order=other,
        data=BreachInput(
            occurred_at=timezone.now() - dt.timedelta(hours=5),
            reported_at=timezone.now() - dt.timedelta(hours=4),
            description="Called her twenty times from a withheld number.",
            gravity=Gravity.MINOR,
        ),
    )
    assert outcome.repeat_referral_id is None
    duty = Duty.objects.get()
    assert duty.event_kind == EventKind.BREACH and duty.status == DutyStatus.OPEN and duty.breach == outcome.breach
