"""Potential escalation: N incidents in M months about one victim, from any agencies, with no referral in that
window, flag her for referral. Evaluating again raises nothing twice."""

import datetime as dt

import pytest
from django.utils import timezone

from marac.audit.models import AuditEvent
from marac.incidents.models import FlagReason, FlagResolution, ReferralFlag
from marac.incidents.rules import incidents_evaluate
from marac.incidents.tests.factories import IncidentFactory
from marac.referrals.services import months_before
from marac.testing.factories import PersonFactory, ReferralFactory

pytestmark = pytest.mark.django_db


def _incidents(locale, victim, count, *, first_days_ago=100, agencies=None):
    agencies = agencies or [locale.police, locale.housing, locale.health]
    return [
        IncidentFactory(
            locality=locale.locality,
            source_agency=agencies[index % len(agencies)],
            victim=victim,
            perpetrator=None,
            occurred_at=timezone.now() - dt.timedelta(days=first_days_ago - 10 * index),
        )
        for index in range(count)
    ]


def _ids(incidents):
    return [incident.pk for incident in incidents]


@pytest.fixture
def victim(locale):
    # Three in twelve months: the locality's rule here is the usual one.
    assert (locale.locality.escalation_incident_count, locale.locality.escalation_window_months) == (3, 12)
    return PersonFactory(locality=locale.locality, given_name="Ana", family_name="Petrova")


def test_one_short_of_the_threshold_raises_no_flag(locale, victim):
    outcome = incidents_evaluate(incidents=_ids(_incidents(locale, victim, 2)))
    assert outcome.flags_raised == []
    assert not ReferralFlag.objects.exists()


def test_the_threshold_across_agencies_flags_her(locale, victim):
    incidents = _incidents(locale, victim, 3)
    outcome = incidents_evaluate(incidents=_ids(incidents[-1:]))
    flag = ReferralFlag.objects.get()
    assert outcome.flags_raised == [flag.pk]
    assert (flag.person, flag.reason, flag.locality) == (victim, FlagReason.ESCALATION, locale.locality)
    assert set(flag.incidents.all()) == set(incidents)
    assert flag.is_open
    event = AuditEvent.objects.get(object_type="", detail__reason="escalation")
    assert event.detail["raised"] == [flag.pk]
    assert "Petrova" not in event.summary + str(event.detail)


def test_a_locality_rule_of_three_in_six_months(locale, victim):
    locale.locality.escalation_window_months = 6
    locale.locality.save(update_fields=["escalation_window_months"])
    # 220, 210 and 200 days ago: outside six months.
    old = _incidents(locale, victim, 3, first_days_ago=220)
    assert incidents_evaluate(incidents=_ids(old)).flags_raised == []
    recent = _incidents(locale, victim, 3, first_days_ago=60)
    assert len(incidents_evaluate(incidents=_ids(recent)).flags_raised) == 1
    assert set(ReferralFlag.objects.get().incidents.all()) == set(recent)


def test_evaluating_again_raises_nothing_twice(locale, victim):
    incidents = _incidents(locale, victim, 4)
    incidents_evaluate(incidents=_ids(incidents))
    again = incidents_evaluate(incidents=_ids(incidents))
    assert again.flags_raised == [] and again.flags_extended == []
    assert ReferralFlag.objects.count() == 1


def test_a_new_incident_joins_the_open_flag(locale, victim):
    incidents_evaluate(incidents=_ids(_incidents(locale, victim, 3)))
    newer = _incidents(locale, victim, 1, first_days_ago=2)
    outcome = incidents_evaluate(incidents=_ids(newer))
    flag = ReferralFlag.objects.get()
    assert outcome.flags_extended == [flag.pk]
    assert flag.incidents.count() == 4


def test_no_flag_when_she_was_referred_in_the_window(locale, victim):
    ReferralFactory(case__locality=locale.locality, case__victim=victim, referred_at=months_before(timezone.now(), 5))
    assert incidents_evaluate(incidents=_ids(_incidents(locale, victim, 3))).flags_raised == []


def test_a_flag_closed_as_not_needed_stays_closed_until_a_new_incident(locale, victim):
    incidents = _incidents(locale, victim, 3)
    incidents_evaluate(incidents=_ids(incidents))
    ReferralFlag.objects.update(
        resolved_at=timezone.now(), resolution=FlagResolution.NOT_NEEDED, resolution_note="Known to the IDVA"
    )
    assert incidents_evaluate(incidents=_ids(incidents)).flags_raised == []
    newer = _incidents(locale, victim, 1, first_days_ago=1)
    assert len(incidents_evaluate(incidents=_ids(newer)).flags_raised) == 1
    assert ReferralFlag.objects.filter(resolved_at__isnull=True).count() == 1


def test_the_flag_is_resolved_once_she_is_referred(locale, victim):
    incidents_evaluate(incidents=_ids(_incidents(locale, victim, 3)))
    referral = ReferralFactory(case__locality=locale.locality, case__victim=victim)
    outcome = incidents_evaluate(incidents=_ids(_incidents(locale, victim, 1, first_days_ago=1)))
    flag = ReferralFlag.objects.get()
    assert outcome.flags_resolved == [flag.pk]
    assert (flag.resolution, flag.referral, flag.resolved_by) == (FlagResolution.REFERRED, referral, None)


def test_other_localities_are_counted_apart(locale, other_locale, victim):
    stranger = PersonFactory(locality=other_locale.locality)
    mine = _incidents(locale, victim, 2)
    theirs = _incidents(other_locale, stranger, 3)
    outcome = incidents_evaluate(incidents=_ids(mine + theirs))
    assert len(outcome.flags_raised) == 1
    assert ReferralFlag.objects.get().locality == other_locale.locality
