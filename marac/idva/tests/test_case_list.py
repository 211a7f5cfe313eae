"""The IDVA's case list: her service's cases, with risk, last contact and report-backs at a glance."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.idva.tests.factories import (
    AssessmentFactory,
    ReportBackFactory,
    VictimContactFactory,
    allocated_case,
    second_idva_service,
)
from marac.risk.models import RiskLevel
from marac.testing.factories import CaseFactory

URL = reverse("idva:cases")


def listed_cases(response):
    return list(response.context["page"])


@pytest.mark.django_db
def test_lists_only_cases_allocated_to_the_acting_service(locale):
    ours = allocated_case(locale)
    allocated_case(locale, idva_agency=second_idva_service(locale).agency)
    CaseFactory(locality=locale.locality)  # not allocated to any IDVA service

    response = locale.client("idva").get(URL)

    assert response.status_code == 200
    assert listed_cases(response) == [ours]
    assert ours.reference in response.content.decode()


@pytest.mark.django_db
def test_shows_the_latest_risk_level(locale):
    case = allocated_case(locale)
    AssessmentFactory(case=case, final_level=RiskLevel.HIGH, assessed_at=timezone.now() - dt.timedelta(days=30))
    AssessmentFactory(case=case, final_level=RiskLevel.MEDIUM, assessed_at=timezone.now() - dt.timedelta(days=2))

    response = locale.client("idva").get(URL)

    assert listed_cases(response)[0].latest_risk_level == RiskLevel.MEDIUM
    assert "Medium" in response.content.decode()


@pytest.mark.django_db
def test_last_contact_is_the_latest_that_reached_her_or_the_latest_report_back(locale):
    case = allocated_case(locale)
    reached = timezone.now() - dt.timedelta(days=10)
    VictimContactFactory(case=case, contacted_at=reached)
    VictimContactFactory(case=case, contacted_at=timezone.now() - dt.timedelta(days=3), successful=False)

    row = listed_cases(locale.client("idva").get(URL))[0]
    assert row.last_contact_at == reached
    assert row.unreached_since_last_contact is True

    told = timezone.now() - dt.timedelta(days=1)
    ReportBackFactory(case=case, victim_told_at=told, completed_at=told)
    row = listed_cases(locale.client("idva").get(URL))[0]
    assert row.last_contact_at == told
    assert row.unreached_since_last_contact is False


@pytest.mark.django_db
def test_case_without_contact_says_so(locale):
    allocated_case(locale)
    response = locale.client("idva").get(URL)
    assert listed_cases(response)[0].last_contact_at is None
    assert "No contact yet" in response.content.decode()


@pytest.mark.django_db
def test_marks_an_outstanding_report_back(locale):
    waiting = allocated_case(locale)
    done = allocated_case(locale)
    ReportBackFactory(case=waiting)
    ReportBackFactory(case=done, completed_at=timezone.now(), victim_told_at=timezone.now())

    rows = {case.pk: case for case in listed_cases(locale.client("idva").get(URL))}

    assert rows[waiting.pk].report_back_outstanding is True
    assert rows[done.pk].report_back_outstanding is False


@pytest.mark.django_db
def test_assigned_to_me_filter(locale):
    idva_user = locale.memberships["idva"].user
    mine = allocated_case(locale, idva_user=idva_user)
    allocated_case(locale)

    response = locale.client("idva").get(URL, {"assigned": "me"})

    assert listed_cases(response) == [mine]


@pytest.mark.django_db
def test_records_one_list_event_with_the_ids_shown(locale):
    case = allocated_case(locale)
    locale.client("idva").get(URL)
    event = AuditEvent.objects.filter(action=AuditAction.LIST).latest("pk")
    assert event.detail == {"ids": [case.pk]}
    assert event.actor == locale.memberships["idva"].user


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["housing_rep", "police_referrer", "coordinator", "analyst", "auditor"])
def test_other_roles_get_not_found(locale, persona):
    allocated_case(locale)
    assert locale.client(persona).get(URL).status_code == 404
