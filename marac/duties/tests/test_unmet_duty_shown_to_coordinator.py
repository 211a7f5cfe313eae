"""Acceptance: a referral-back duty left without a referral or a reason past the locality's time to answer is unmet,
and the coordinator sees it, with the agency to chase."""

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.duties.models import Duty, DutySettings, DutyStatus, EventKind
from marac.duties.selectors import monitored_duties
from marac.duties.services import reported_event_record
from marac.duties.tests.helpers import known_case, text_of

pytestmark = pytest.mark.django_db


def _moved(locale, case, *, hours_ago: float, note: str):
    """Housing records the victim's move, `hours_ago` hours ago."""
    moment = timezone.now() - dt.timedelta(hours=hours_ago)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        _event, duty = reported_event_record(
            actor=locale.actor("housing_rep"),
            case=case,
            kind=EventKind.VICTIM_MOVED,
            occurred_at=moment - dt.timedelta(hours=1),
            note=note,
        )
    return duty


def test_an_unmet_referral_back_duty_is_shown_to_the_coordinator(locale):
    s = known_case(locale)
    locale.housing.contact_name, locale.housing.contact_email = "Tom Birch", "safeguarding@riverside-housing.example"
    locale.housing.save()
    DutySettings.objects.create(locality=locale.locality, answer_within_hours=4)
    unmet = _moved(locale, s.case, hours_ago=5, note="Moved to her sister's in Hillcrest.")
    assert unmet.status == DutyStatus.OPEN
    assert unmet.due_at == unmet.raised_at + dt.timedelta(hours=4)

    response = locale.client("coordinator").get(reverse("duties:monitor"))

    text = text_of(response)
    assert response.status_code == 200
    assert list(response.context["duties"]) == [unmet]
    assert s.case.reference in text and s.victim.full_name in text
    assert locale.housing.name in text and "safeguarding@riverside-housing.example" in text
    assert "The victim moves" in text and "Unmet (1)" in text
    listed = AuditEvent.objects.filter(action=AuditAction.LIST, summary__contains="referral-back duties").last()
    assert listed.detail["ids"] == [unmet.pk]


def test_a_duty_not_yet_due_is_waiting_not_unmet(locale):
    s = known_case(locale)
    DutySettings.objects.create(locality=locale.locality, answer_within_hours=4)
    waiting = _moved(locale, s.case, hours_ago=3, note="Moving to a refuge out of area this week.")
    coordinator = locale.actor("coordinator")
    assert list(monitored_duties(actor=coordinator, view="unmet")) == []
    assert list(monitored_duties(actor=coordinator, view="waiting")) == [waiting]

    text = text_of(locale.client("coordinator").get(reverse("duties:monitor")))
    assert "No duty is unmet." in text and "Awaiting the agency, not yet due (1)" in text


def test_an_answered_duty_is_never_unmet(locale):
    s = known_case(locale)
    duty = _moved(locale, s.case, hours_ago=72, note="Moved to Hillcrest.")
    Duty.objects.filter(pk=duty.pk).update(
        status=DutyStatus.DECLINED, decline_reason="The coordinator already knows.", answered_at=timezone.now()
    )
    coordinator = locale.actor("coordinator")
    assert list(monitored_duties(actor=coordinator, view="unmet")) == []
    assert list(monitored_duties(actor=coordinator, view="declined")) == [Duty.objects.get()]


def test_the_default_time_to_answer_is_two_days(locale):
    s = known_case(locale)
    duty = _moved(locale, s.case, hours_ago=1, note="Moved to Hillcrest.")
    assert duty.due_at - duty.raised_at == dt.timedelta(hours=48)


def test_the_chair_sees_the_unmet_duties_and_others_do_not(locale):
    s = known_case(locale)
    _moved(locale, s.case, hours_ago=72, note="Moved to Hillcrest.")
    assert locale.client("chair").get(reverse("duties:monitor")).status_code == 200
    for persona in ("housing_rep", "police_rep", "idva", "analyst", "admin"):
        assert locale.client(persona).get(reverse("duties:monitor")).status_code == 404
