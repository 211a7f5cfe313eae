"""A referral of the same victim within the repeat window joins her case and is flagged as a repeat."""

import datetime as dt

from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.people.models import Person
from marac.referrals.models import Case, CaseStatus, Referral
from marac.referrals.tests.factories import refer


def test_a_referral_within_the_window_joins_the_case(locale):
    first = refer(locale)
    Referral.objects.filter(pk=first.referral.pk).update(referred_at=timezone.now() - dt.timedelta(days=200))

    second = refer(locale, "housing_rep", professional_judgement=False, professional_judgement_reasons="")

    assert second.case == first.case
    assert not second.case_created
    assert second.referral.is_repeat
    assert second.referral.previous_referral == first.referral
    assert second.referral.criteria_met == ["Repeat"]
    assert Case.objects.count() == 1
    assert Person.objects.filter(cases_as_victim__isnull=False).distinct().count() == 1
    case = Case.objects.get()
    assert case.last_referred_at == second.referral.referred_at
    assert case.referrals.count() == 2


def test_a_repeat_needs_no_other_criterion(locale):
    refer(locale)
    second = refer(locale, yes=0, professional_judgement=False, professional_judgement_reasons="")
    assert second.referral.criteria_met == ["Repeat"]


def test_a_repeat_re_opens_a_closed_or_monitored_case(locale):
    first = refer(locale)
    for status in (CaseStatus.CLOSED, CaseStatus.MONITORING):
        Case.objects.filter(pk=first.case.pk).update(status=status, closed_at=timezone.now())

        refer(locale)

        case = Case.objects.get(pk=first.case.pk)
        assert case.status == CaseStatus.REFERRED
        assert case.closed_at is None
    reopened = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="referrals.case", case=first.case)
    assert reopened.count() == 2


def test_a_repeat_leaves_a_listed_case_listed(locale):
    first = refer(locale)
    Case.objects.filter(pk=first.case.pk).update(status=CaseStatus.LISTED)
    refer(locale)
    assert Case.objects.get(pk=first.case.pk).status == CaseStatus.LISTED


def test_the_window_runs_from_the_most_recent_referral(locale):
    now = timezone.now()
    first = refer(locale)
    second = refer(locale)
    Referral.objects.filter(pk=first.referral.pk).update(referred_at=now - dt.timedelta(days=700))
    Referral.objects.filter(pk=second.referral.pk).update(referred_at=now - dt.timedelta(days=300))

    third = refer(locale)

    assert third.referral.previous_referral == second.referral
    assert third.case == first.case


def test_the_referral_and_a_new_case_are_audited(locale):
    first = refer(locale)
    events = AuditEvent.objects.filter(case=first.case, action=AuditAction.CREATE)
    assert events.filter(object_type="referrals.referral", object_id=str(first.referral.pk)).count() == 1
    assert events.filter(object_type="referrals.case", object_id=str(first.case.pk)).count() == 1
    assert events.filter(object_type="people.person").count() == 1  # the perpetrator, recorded on the case

    second = refer(locale)
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="referrals.case").count() == 1
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.CREATE, object_type="referrals.referral", object_id=str(second.referral.pk)
        )
        .get()
        .detail["previous_referral"]
        == first.referral.pk
    )


def test_a_referral_from_an_idva_service_allocates_it(locale):
    outcome = refer(locale, "idva")
    assert outcome.case.idva_agency == locale.idva_service


def test_the_same_victim_in_another_locality_is_a_different_case(locale, other_locale):
    first = refer(locale)
    elsewhere = refer(other_locale)
    assert elsewhere.case != first.case
    assert not elsewhere.referral.is_repeat
    assert elsewhere.case.victim != first.case.victim
