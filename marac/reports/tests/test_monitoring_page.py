"""The monitoring page: who may see it, what each sees (the analyst suppressed), the audit of the read, the partial
the annual review pack includes, and a query count the data does not change."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.reports.monitoring_presentation import monitoring_for
from marac.reports.tests.factories import local
from marac.reports.tests.monitoring_factories import LAST_QUARTER, build_year, case_of, person, refer
from marac.testing.queries import audit_lock_queries

pytestmark = pytest.mark.django_db
MONITORING = reverse("reports:monitoring")
SUMMARY = "Viewed the monitoring measures over the year"


def _cell(html: str, attribute: str) -> str:
    """The text of the element carrying the data attribute, e.g. 'data-measure="victims"'."""
    element = html.split(attribute + ">", 1)[1]
    return re.sub(r"<[^>]+>", "", re.split(r"</(?:td|span)>", element, maxsplit=1)[0]).strip()


def test_the_coordinator_sees_every_measure(locale):
    build_year(locale)
    response = locale.client("coordinator").get(MONITORING, {"quarter": LAST_QUARTER.code})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Monitoring over the year: October 2025 to September 2026" in html
    assert _cell(html, 'data-measure="victims"') == "7"
    assert _cell(html, 'data-measure="with_repeat"') == "4"
    assert _cell(html, 'data-measure-share="with_repeat"') == "57.1%"
    assert _cell(html, 'data-measure="several_victims"') == "2"
    assert _cell(html, 'data-stage="listed"') == "7"
    assert _cell(html, 'data-stage-share="told"') == "20.0%"
    assert _cell(html, 'data-loss="actions_open"') == "2"
    assert _cell(html, 'data-cell="religion:christian:told"') == "2"
    assert _cell(html, 'data-share="religion:christian:told"') == "(100.0%)"
    assert _cell(html, 'data-cell="gender:total:victims"') == "7"
    assert "Sikh" in html
    assert '<svg class="marac-chart"' in html
    for code in ("2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"):
        assert f'href="{reverse("reports:return")}?quarter={code}"' in html
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, summary=SUMMARY).get()
    assert event.detail == {"quarter": "2026-Q3", "suppressed": False}


def test_the_analyst_sees_aggregates_only(locale):
    build_year(locale)
    html = locale.client("analyst").get(MONITORING, {"quarter": LAST_QUARTER.code}).content.decode()
    assert 'id="monitoring-suppression-notice"' in html
    assert _cell(html, 'data-measure="victims"') == "7"
    assert _cell(html, 'data-measure="with_repeat"') == "fewer than 5"
    assert _cell(html, 'data-measure-share="with_repeat"') == "withheld"
    assert _cell(html, 'data-stage="triaged"') == "withheld"
    assert _cell(html, 'data-loss="declined"') == "fewer than 5"
    assert _cell(html, 'data-cell="gender:female:victims"') == "6"
    assert _cell(html, 'data-cell="religion:other_answers:victims"') == "withheld"
    # Rare answers typed freely would name their holders: none is shown, nor any case.
    assert "Sikh" not in html and "EU settled status" not in html and "Y-C1" not in html
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, summary=SUMMARY).get()
    assert event.detail == {"quarter": "2026-Q3", "suppressed": True}


@pytest.mark.parametrize("persona", ["police_rep", "idva", "housing_rep", "admin", "auditor", "police_referrer"])
def test_other_roles_are_refused(locale, persona):
    assert locale.client(persona).get(MONITORING, {"quarter": LAST_QUARTER.code}).status_code == 404
    refusal = AuditEvent.objects.filter(action=AuditAction.DENIED).get()
    assert refusal.summary == "Lacks report.view"
    assert refusal.detail["object_type"] == "reports.monitoring"
    assert not AuditEvent.objects.filter(summary=SUMMARY).exists()


def test_a_bad_quarter_is_an_error_on_the_field(locale):
    client = locale.client("chair")
    bad = client.get(MONITORING, {"quarter": "2026-Q5"}).content.decode()
    assert "Enter the quarter as the year, -Q and 1 to 4, for example 2026-Q3." in bad
    assert "Choose a quarter that has begun" in client.get(MONITORING, {"quarter": "2099-Q1"}).content.decode()


def test_the_partial_has_no_form_link_or_script(locale):
    build_year(locale)
    html = render_to_string(
        "reports/_monitoring_summary.html",
        {"monitoring": monitoring_for(locale.locality, LAST_QUARTER, suppress=False)},
    )
    assert "<form" not in html and "<a " not in html and "<script" not in html and "<link" not in html
    assert "<svg" in html and 'id="monitoring-progression"' in html
    assert html.count('<table class="govuk-table"') == 10  # two of measures, progression, seven dimensions


@pytest.mark.parametrize("persona", ["coordinator", "analyst"])
def test_query_count_does_not_grow_with_the_data(locale, persona, django_assert_num_queries):
    build_year(locale)
    client = locale.client(persona)
    client.get(MONITORING, {"quarter": LAST_QUARTER.code})  # warm the session
    with django_assert_num_queries(QUERIES + audit_lock_queries(1)):
        client.get(MONITORING, {"quarter": LAST_QUARTER.code})
    for number in range(6):
        case = case_of(locale, f"Y-X{number}", person(locale, f"X{number}"), person(locale, f"XP{number}"))
        refer(locale, case, local(2026, 9, 1), repeat=True)
    with django_assert_num_queries(QUERIES + audit_lock_queries(1)):
        response = client.get(MONITORING, {"quarter": LAST_QUARTER.code})
    assert _cell(response.content.decode(), 'data-measure="victims"') == "13"


# Session, user, authenticator device, membership with its agreement check (the middleware); the period's referrals,
# the perpetrators, the report settings; the audit event (savepoint, last hash, insert, release).
QUERIES = 11
