"""A duty arises only where the protocol lists the event for the agency's type, on a case the mechanism knows, for an
agency that is not the mechanism itself."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from marac.duties.models import Duty, DutyStatus, EventKind
from marac.duties.services import duty_after_incident, reported_event_record
from marac.duties.tests.helpers import known_case
from marac.incidents.tests.factories import IncidentFactory
from marac.referrals.models import CaseStatus, Referral
from marac.referrals.services import months_before
from marac.risk.registry import instrument_of
from marac.risk.services import assessment_record
from marac.risk.tests.factories import dash_version, item_answers, safety
from marac.testing.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def _disclose(locale, case, persona: str = "housing_rep"):
    return reported_event_record(
        actor=locale.actor(persona),
        case=case,
        kind=EventKind.DISCLOSURE,
        occurred_at=timezone.now() - dt.timedelta(hours=1),
        note="She said he took her phone and her bank card again.",
    )[1]


def test_the_agency_types_the_protocol_lists(locale):
    s = known_case(locale)
    assert _disclose(locale, s.case, "housing_rep") is not None
    assert _disclose(locale, s.case, "police_rep") is None  # the protocol asks the police for no disclosures
    assert Duty.objects.count() == 1


def test_the_coordinator_records_without_a_duty(locale):
    """She runs the mechanism the case would be referred back to, even though her agency owes duties."""
    s = known_case(locale)
    assert _disclose(locale, s.case, "idva") is not None
    assert _disclose(locale, s.case, "coordinator") is None


def test_a_case_referred_longer_ago_than_the_repeat_window_is_not_known(locale):
    s = known_case(locale)
    Referral.objects.filter(pk=s.referral.pk).update(referred_at=months_before(timezone.now(), 13))
    assert _disclose(locale, s.case) is None


def test_a_transferred_case_takes_no_event(locale):
    s = known_case(locale, status=CaseStatus.TRANSFERRED)
    with pytest.raises(ValidationError, match="transferred to another area"):
        _disclose(locale, s.case)
    assert not Duty.objects.exists()


def test_an_incident_older_than_a_referral_made_since_raises_no_duty(locale):
    """The later referral covers it, as it does for the repeat rule."""
    s = known_case(locale, referred_months_ago=3)
    ReferralFactory(case=s.case, referring_agency=locale.police, referred_at=timezone.now() - dt.timedelta(days=10))
    old = IncidentFactory(
        locality=locale.locality,
        source_agency=locale.housing,
        victim=s.victim,
        perpetrator=None,
        occurred_at=timezone.now() - dt.timedelta(days=30),
    )
    assert duty_after_incident(actor=locale.actor("housing_rep"), incident=old) is None
    recent = IncidentFactory(
        locality=locale.locality,
        source_agency=locale.housing,
        victim=s.victim,
        perpetrator=None,
        occurred_at=timezone.now() - dt.timedelta(days=2),
    )
    assert duty_after_incident(actor=locale.actor("housing_rep"), incident=recent).status == DutyStatus.OPEN


def _assess(locale, case, *, yes: int, persona: str = "police_rep"):
    version = dash_version(locale.locality)
    return assessment_record(
        actor=locale.actor(persona),
        case=case,
        version=version,
        safety=safety(),
        answers=item_answers(instrument_of(version), yes=yes),
    )


def test_an_assessment_that_changes_the_level_raises_a_risk_change_duty(locale):
    s = known_case(locale)
    first = _assess(locale, s.case, yes=2)  # the case's first level: no change to refer back
    assert not Duty.objects.exists()
    _assess(locale, s.case, yes=3)  # the same level again
    assert not Duty.objects.exists()
    raised = _assess(locale, s.case, yes=16)
    duty = Duty.objects.get()
    assert raised.final_level != first.final_level
    assert (duty.event_kind, duty.assessment, duty.agency) == (EventKind.RISK_CHANGE, raised, locale.police)
    assert duty.status == DutyStatus.OPEN
