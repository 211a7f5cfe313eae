"""The subject access page and file read a fixed number of queries however many cases and records a person has:
pinned for a person with one of every kind of record, then checked again with many more of each."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.incidents.models import FlagReason, FlagResolution, ReferralFlag
from marac.incidents.tests.factories import IncidentFactory, flag_on
from marac.matac.models import NominationStatus
from marac.matac.tests.factories import listing_of, matac_action, matac_meeting, nomination_of
from marac.people.merging import person_merge
from marac.people.tests.factories import case_with_everything
from marac.people.tests.person_records import person_records
from marac.people.tests.support_records import support_records
from marac.perpetrators.tests.factories import breach_of, order_on, programme_agency, programme_for, respond
from marac.referrals.models import CaseParty, PartyRole
from marac.risk.tests.factories import AssessmentFactory
from marac.testing.factories import CaseFactory, PersonFactory
from marac.testing.queries import audit_lock_queries

# Signing in, the memberships bringing the agreement check (4), the person (1), then the report: aliases, cases,
# parties, referrals, assessments, agenda items and their research, actions and their updates, contacts, report-backs,
# review events, legal holds, the audit events of the cases (14); pathway referrals and their steps, disclosures and
# moves, duties, information given, release notification choices, release notifications, needs assessments (8); the
# records merged into the person and the events of all their records (2); merges, incidents, flags, orders with their
# conditions, protected people and breaches (with responses), programmes and their updates, releases and escapes,
# nominations with their referrals and scores (13).
REPORT_QUERIES = 14 + 8 + 2 + 13
# The page's view event: a savepoint, the last hash, the event, the release (4).
PAGE_QUERIES = 4 + 1 + 4 + REPORT_QUERIES
# The file: the check that the person may be exported (1), the transaction's savepoint and release (2), the export
# event (4).
FILE_QUERIES = 4 + 1 + 1 + 2 + REPORT_QUERIES + 4


def _queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def _more_cases(locale, everything, count: int) -> None:
    """Further cases where the same victim is victim again, and where the same perpetrator harms someone else, each
    with its pathway referrals, duties and rights log."""
    for number in range(count):
        again = case_with_everything(
            locale,
            victim=everything.victim,
            perpetrator=PersonFactory(locality=locale.locality, given_name=f"P{number}"),
        )
        support_records(locale, again.case, again.perpetrator)
        other = case_with_everything(
            locale,
            victim=PersonFactory(locality=locale.locality, given_name=f"V{number}"),
            perpetrator=PersonFactory(locality=locale.locality, given_name=f"Q{number}"),
        )
        support_records(locale, other.case, other.perpetrator)
        CaseParty.objects.create(case=other.case, person=everything.victim, role=PartyRole.HOUSEHOLD)


@pytest.fixture
def perpetrator(locale):
    """A perpetrator with one of every kind of record the report reads, a flag and a record merged into his."""
    everything = case_with_everything(locale)
    records = person_records(locale, everything)
    support_records(locale, everything.case, everything.perpetrator)
    flag_on(everything.perpetrator, records.incident)
    person_merge(
        actor=locale.actor("coordinator"),
        kept=everything.perpetrator,
        merged=PersonFactory(locality=locale.locality, given_name="Daz", family_name="Pike"),
    )
    return everything


def _more_of_his_records(locale, everything, count: int) -> None:
    """More incidents, orders breached and answered, programmes, releases told to the victims, MATAC nominations and
    merged records of his; his further victims' cases with their pathway referrals, duties and rights logs."""
    him = everything.perpetrator
    meeting = matac_meeting(locale)
    for number in range(count):
        victim = PersonFactory(locality=locale.locality, given_name=f"W{number}")
        incident = IncidentFactory(
            locality=locale.locality, source_agency=locale.police, victim=victim, perpetrator=him
        )
        # One open flag per reason: the earlier ones were resolved.
        flag = flag_on(him, incident, reason=FlagReason.REPEAT)
        ReferralFlag.objects.filter(pk=flag.pk).update(resolved_at=timezone.now(), resolution=FlagResolution.NOT_NEEDED)
        case = CaseFactory(locality=locale.locality, victim=victim)
        CaseParty.objects.create(case=case, person=him, role=PartyRole.PERPETRATOR)
        child = PersonFactory(locality=locale.locality, given_name=f"C{number}")
        CaseParty.objects.create(case=case, person=child, role=PartyRole.CHILD)
        order = order_on(case, owner=locale.police, perpetrator=him)
        order.other_protected.set([child])
        respond(breach_of(order, agency=locale.housing), agency=locale.police, hours=number + 1)
        breach_of(order, agency=locale.housing)
        programme_for(case, agency=programme_agency(locale.locality), perpetrator=him, order=order)
        AssessmentFactory(case=case, agency=locale.police)
        support_records(locale, case, him)
        nomination = nomination_of(locale, him, status=NominationStatus.DECLINED)
        matac_action(listing_of(meeting, nomination, position=number + 2), locale.police)
        person_merge(
            actor=locale.actor("coordinator"),
            kept=him,
            merged=PersonFactory(locality=locale.locality, given_name=f"D{number}", family_name="Pike"),
        )


@pytest.mark.django_db
def test_the_subject_access_page(locale, perpetrator, django_assert_num_queries):
    client = locale.client("coordinator")
    url = reverse("people:subject_access", kwargs={"pk": perpetrator.perpetrator.pk})
    with django_assert_num_queries(PAGE_QUERIES + audit_lock_queries(1)):
        client.get(url)
    _more_cases(locale, perpetrator, 2)
    _more_of_his_records(locale, perpetrator, 3)
    with django_assert_num_queries(PAGE_QUERIES + audit_lock_queries(1)):
        response = client.get(url)
    report = response.context["report"]
    assert (len(report.incidents), len(report.orders), len(report.nominations), len(report.merges)) == (5, 4, 4, 4)
    assert len(report.custody_events) == 4
    assert sum(len(records.pathway_referrals) for records in report.cases) == 2 * 4


@pytest.mark.django_db
def test_the_victims_page_reads_no_more(locale, django_assert_max_num_queries):
    everything = case_with_everything(locale)
    person_records(locale, everything)
    client = locale.client("coordinator")
    url = reverse("people:subject_access", kwargs={"pk": everything.victim.pk})
    with django_assert_max_num_queries(PAGE_QUERIES + audit_lock_queries(1)):
        client.get(url)
    _more_cases(locale, everything, 4)
    with django_assert_max_num_queries(PAGE_QUERIES + audit_lock_queries(1)):
        response = client.get(url)
    assert len(response.context["report"].cases) == 9


@pytest.mark.django_db
def test_the_file(locale, perpetrator, django_assert_num_queries):
    client = locale.client("coordinator")
    url = reverse("people:subject_access_download", kwargs={"pk": perpetrator.perpetrator.pk})
    with django_assert_num_queries(FILE_QUERIES + audit_lock_queries(1)):
        client.post(url, {"purpose": "SAR-1"})
    _more_cases(locale, perpetrator, 2)
    _more_of_his_records(locale, perpetrator, 3)
    with django_assert_num_queries(FILE_QUERIES + audit_lock_queries(1)):
        response = client.post(url, {"purpose": "SAR-2"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_find_page(locale, django_assert_max_num_queries):
    case_with_everything(locale)
    client = locale.client("coordinator")
    url = reverse("people:subject_access_find")
    one = _queries(client, url, q="Okafor")
    for number in range(10):
        CaseFactory(
            locality=locale.locality,
            victim=PersonFactory(locality=locale.locality, given_name=f"Nia{number}", family_name="Okafor"),
        )
    with django_assert_max_num_queries(one):
        response = client.get(url, {"q": "Okafor"})
    assert len(response.context["page"].object_list) == 12
