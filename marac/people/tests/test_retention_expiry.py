"""Which cases have passed their retention period: closed or transferred longer ago than the locality's period, or
every referral declined longer ago than the shorter one. Live cases never."""

import datetime as dt

import pytest
from django.utils import timezone

from marac.meetings.models import AgendaItem, Meeting, MeetingStatus
from marac.people.retention import RetentionRule, expired_cases
from marac.people.tests.factories import years_ago
from marac.referrals.models import CaseStatus, TriageStatus
from marac.testing.factories import CaseFactory, ReferralFactory


def _case(locale, *, status, closed_at=None, last_referred_at=None, triage=TriageStatus.LISTED, triaged_at=None):
    last = last_referred_at or closed_at or timezone.now()
    case = CaseFactory(
        locality=locale.locality, status=status, closed_at=closed_at, opened_at=last, last_referred_at=last
    )
    ReferralFactory(
        case=case, referring_agency=locale.police, referred_at=last, triage_status=triage, triaged_at=triaged_at or last
    )
    return case


def _expired(locale) -> dict[str, str]:
    return {case.reference: case.rule for case in expired_cases(locality=locale.locality, now=timezone.now())}


@pytest.mark.django_db
def test_a_case_closed_longer_ago_than_the_period_expires_and_a_more_recent_one_does_not(locale):
    old = _case(locale, status=CaseStatus.CLOSED, closed_at=years_ago(6, days=1))
    recent = _case(locale, status=CaseStatus.CLOSED, closed_at=years_ago(6) + dt.timedelta(days=1))
    expired = _expired(locale)
    assert expired == {old.reference: RetentionRule.CLOSED_CASE}
    assert recent.reference not in expired


@pytest.mark.django_db
def test_live_cases_never_expire_however_old(locale):
    for status in (CaseStatus.REFERRED, CaseStatus.LISTED, CaseStatus.HEARD, CaseStatus.MONITORING):
        _case(locale, status=status, last_referred_at=years_ago(12))
    assert _expired(locale) == {}


@pytest.mark.django_db
def test_a_transferred_case_counts_from_its_last_referral_or_meeting(locale):
    quiet = _case(locale, status=CaseStatus.TRANSFERRED, last_referred_at=years_ago(7))
    heard_later = _case(locale, status=CaseStatus.TRANSFERRED, last_referred_at=years_ago(7))
    meeting = Meeting.objects.create(locality=locale.locality, scheduled_for=years_ago(5), status=MeetingStatus.CLOSED)
    AgendaItem.objects.create(meeting=meeting, case=heard_later, referral=heard_later.referrals.get())
    assert _expired(locale) == {quiet.reference: RetentionRule.CLOSED_CASE}


@pytest.mark.django_db
def test_a_case_whose_only_referrals_were_declined_expires_after_the_shorter_period(locale):
    declined_long_ago = _case(
        locale, status=CaseStatus.CLOSED, closed_at=years_ago(2, days=1), triage=TriageStatus.DECLINED
    )
    declined_lately = _case(locale, status=CaseStatus.CLOSED, closed_at=years_ago(1), triage=TriageStatus.DECLINED)
    heard_and_declined = _case(locale, status=CaseStatus.CLOSED, closed_at=years_ago(3))
    ReferralFactory(
        case=heard_and_declined,
        referring_agency=locale.police,
        referred_at=years_ago(3),
        triage_status=TriageStatus.DECLINED,
        triaged_at=years_ago(3),
    )
    expired = _expired(locale)
    assert expired == {declined_long_ago.reference: RetentionRule.DECLINED_REFERRAL}
    assert declined_lately.reference not in expired and heard_and_declined.reference not in expired


@pytest.mark.django_db
def test_the_periods_are_the_localitys_own(locale, other_locale):
    locale.locality.retention_years_closed_case = 3
    locale.locality.save(update_fields=["retention_years_closed_case"])
    here = _case(locale, status=CaseStatus.CLOSED, closed_at=years_ago(4))
    there = _case(other_locale, status=CaseStatus.CLOSED, closed_at=years_ago(4))
    assert _expired(locale) == {here.reference: RetentionRule.CLOSED_CASE}
    assert _expired(other_locale) == {}
    assert there.reference not in _expired(locale)


@pytest.mark.django_db
def test_an_anonymised_case_is_not_found_again(locale):
    case = _case(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7))
    case.erased_at = timezone.now()
    case.save(update_fields=["erased_at"])
    assert _expired(locale) == {}
