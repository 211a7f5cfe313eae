"""The rights log is case data at full detail: the case's IDVA service, the coordinator and the chair read it, every
read is audited, her language and safe contact come from her record (shown and linked, never copied), and the page's
queries do not grow with what it holds."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.access.models import CaseExclusion
from marac.audit.models import AuditAction, AuditEvent
from marac.idva.models import ContactMethod
from marac.rights.models import CustodyEventKind, InformationTopic, NeedsAssessmentReason
from marac.rights.services import (
    custody_event_record,
    information_given_record,
    needs_assessment_record,
    notification_choice_record,
)
from marac.rights.tests.factories import victim_case
from marac.testing.factories import PersonFactory


def url(case) -> str:
    return reverse("rights:log", kwargs={"case_pk": case.pk})


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("idva", 200),
        ("coordinator", 200),
        ("chair", 200),
        ("police_rep", 404),
        ("housing_rep", 404),
        ("police_referrer", 404),
        ("analyst", 404),
        ("admin", 404),
        ("auditor", 404),
    ],
)
def test_only_those_who_see_the_case_in_full_read_the_log(locale, persona, status):
    case = victim_case(locale)
    assert locale.client(persona).get(url(case)).status_code == status


def test_each_read_is_audited_on_the_case(locale):
    case = victim_case(locale)
    locale.client("chair").get(url(case))
    event = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="referrals.case", case_id=case.pk)
    assert event.summary == "Viewed the victim's rights log"


def test_a_refusal_is_audited(locale):
    case = victim_case(locale)
    locale.client("housing_rep").get(url(case))
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=locale.memberships["housing_rep"].user).exists()


def test_someone_barred_from_the_case_never_reads_its_log(locale):
    case = victim_case(locale)
    CaseExclusion.objects.create(
        case=case,
        user=locale.memberships["chair"].user,
        reason="Related to the perpetrator",
        added_by=locale.memberships["coordinator"].user,
        added_at=timezone.now(),
    )
    assert locale.client("chair").get(url(case)).status_code == 404


def test_her_language_and_safe_contact_come_from_her_record(locale):
    case = victim_case(
        locale,
        victim__first_language="Tigrinya",
        victim__interpreter_needed=True,
        victim__safe_to_call=False,
        victim__best_time_to_call="Text first; only through the health visitor",
    )

    page = locale.client("idva").get(url(case)).content.decode()

    assert "Tigrinya" in page and "interpreter needed" in page
    assert "Text first; only through the health visitor" in page
    assert reverse("referrals:case_detail", kwargs={"pk": case.pk}) + "#victim" in page


def fill(locale, case, rows: int) -> None:
    actor = locale.actor("idva")
    now = timezone.now()
    needs_assessment_record(
        actor=actor,
        case=case,
        reason=NeedsAssessmentReason.INITIAL,
        assessed_on=timezone.localdate() - dt.timedelta(days=rows),
        needs=["no_contact"],
        findings="Initial.",
    )
    for index in range(rows):
        information_given_record(
            actor=actor,
            case=case,
            given_at=now - dt.timedelta(days=index + 1),
            topics=[InformationTopic.SUPPORT_SERVICES],
            method=ContactMethod.PHONE,
        )
        notification_choice_record(
            actor=actor, case=case, wants_to_be_told=True, decided_on=timezone.localdate() - dt.timedelta(days=index)
        )
        perpetrator = PersonFactory(locality=locale.locality, given_name=f"Perpetrator{index}")
        case.parties.create(person=perpetrator, role="perpetrator")
        custody_event_record(
            actor=locale.actor("coordinator"),
            perpetrator=perpetrator,
            kind=CustodyEventKind.RELEASED,
            occurred_at=now - dt.timedelta(hours=index + 1),
            establishment="HMP Northgate",
        )
        if index:
            needs_assessment_record(
                actor=actor,
                case=case,
                reason=NeedsAssessmentReason.REVIEW,
                assessed_on=timezone.localdate() - dt.timedelta(days=rows - index),
                needs=["alarm"],
                findings=f"Review {index}.",
            )


def count_queries(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def test_the_log_runs_a_constant_number_of_queries(locale):
    small, large = victim_case(locale), victim_case(locale)
    fill(locale, small, 1)
    fill(locale, large, 8)
    client = locale.client("idva")
    client.get(url(small))

    assert count_queries(client, url(small)) == count_queries(client, url(large))
