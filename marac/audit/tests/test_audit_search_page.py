"""The search page: criteria are posted and kept in the session, never in the address; every search is recorded."""

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.audit.tests.factories import build_trail

SEARCH = reverse("audit:search")


@pytest.fixture
def trail(locale, other_locale):
    return build_trail(locale, other_locale)


@pytest.fixture
def auditor(locale):
    return locale.client("auditor")


def searches_recorded(locale):
    return AuditEvent.objects.filter(
        action=AuditAction.LIST, actor=locale.memberships["auditor"].user, summary="Searched the audit trail"
    )


def test_the_page_lists_the_localitys_events_and_records_the_search(trail, locale, auditor):
    response = auditor.get(SEARCH)
    assert response.status_code == 200
    shown = {event.pk for event in response.context["page"]}
    assert trail.housing_viewed_case.pk in shown and trail.far_coordinator_viewed_far_case.pk not in shown
    content = response.content.decode()
    assert "riverside-housing_rep" in content
    assert "Agency representative" in content
    assert "127.0.0.1" in content
    assert trail.housing_viewed_case.request_id in content
    recorded = searches_recorded(locale).get()
    assert recorded.purpose == "audit review"
    assert set(recorded.detail["ids"]) == shown
    assert recorded.detail["criteria"] == {}


def test_a_search_by_name_keeps_the_name_out_of_the_address(trail, locale, auditor):
    response = auditor.post(SEARCH, {"person": "Zoë Okafor", "action": "denied"})
    assert response.status_code == 302
    assert "Okafor" not in response.url and "Zo" not in response.url
    assert response.url.startswith(f"{SEARCH}?search=")

    page = auditor.get(response.url)
    assert {event.pk for event in page.context["page"]} == {
        trail.social_care_refused_case.pk,
        trail.far_police_refused_case.pk,
    }
    assert "The name matches 1 person known to the locality" in page.content.decode()
    assert page.context["form"].initial["person"] == "Zoë Okafor"
    # The trail cannot be erased: it keeps whom the name matched, not the name.
    recorded = searches_recorded(locale).get()
    assert recorded.detail["criteria"] == {"person_ids": [trail.victim.pk], "action": "denied"}
    assert "Okafor" not in str(recorded.detail)


def test_the_search_belongs_to_the_session_that_made_it(trail, locale, auditor):
    address = auditor.post(SEARCH, {"person": "Okafor"}).url
    another_session = locale.client("auditor")
    response = another_session.get(address)
    assert response.context["page"] is None
    assert "That search is no longer available" in response.content.decode()
    assert not searches_recorded(locale).exists()


def test_an_impossible_period_is_an_error_and_nothing_is_searched(trail, locale, auditor):
    response = auditor.post(SEARCH, {"date_from": "2026-03-09", "date_to": "2026-03-02"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert "The end of the period must be the same as or after its start." in content
    assert response.context["page"] is None
    assert not searches_recorded(locale).exists()


def test_a_date_that_is_not_a_date_is_an_error(trail, auditor):
    response = auditor.post(SEARCH, {"date_from": "2026-02-30"})
    assert "Enter a real date." in response.content.decode()


def test_pages_keep_the_search(trail, locale, auditor, monkeypatch):
    monkeypatch.setattr("marac.audit.views.EVENTS_PER_PAGE", 1)
    address = auditor.post(SEARCH, {"username": "riverside-housing_rep"}).url
    first = auditor.get(address)
    assert first.context["page"].paginator.count == 2
    assert f"{address[len(SEARCH) :]}&amp;page=2" in first.content.decode()
    second = auditor.get(f"{address}&page=2")
    assert [event.pk for event in second.context["page"]] == [trail.housing_viewed_case.pk]


def test_only_the_auditor_may_search(trail, locale):
    response = locale.client("coordinator").post(SEARCH, {"person": "Okafor"})
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=locale.memberships["coordinator"].user).exists()
