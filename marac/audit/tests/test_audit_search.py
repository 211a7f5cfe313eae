"""The auditor's search: her locality's events, by person, case, user, action, purpose and dates."""

import datetime as dt

import pytest

from marac.audit.models import AuditAction, AuditPurpose
from marac.audit.selectors import AuditSearch, auditable_events, search_events
from marac.audit.tests.factories import Trail, build_trail


@pytest.fixture
def trail(locale, other_locale) -> Trail:
    return build_trail(locale, other_locale)


@pytest.fixture
def auditor(locale):
    return locale.actor("auditor")


def found(actor, **criteria) -> set[int]:
    return {event.pk for event in search_events(actor=actor, search=AuditSearch(**criteria)).events}


def pks(*events) -> set[int]:
    return {event.pk for event in events}


def test_the_auditor_sees_her_localitys_events_and_refusals_on_its_cases(trail, auditor):
    assert found(auditor) == pks(
        trail.housing_viewed_case,
        trail.police_viewed_other_case,
        trail.coordinator_updated_perpetrator,
        trail.social_care_refused_case,
        trail.far_police_refused_case,
        trail.housing_exported,
    )


def test_another_localitys_events_stay_with_its_own_auditor(trail, other_locale):
    assert found(other_locale.actor("auditor")) == pks(
        trail.far_coordinator_viewed_far_case, trail.far_police_refused_case, trail.far_police_refused_far_case
    )


@pytest.mark.parametrize("persona", ["coordinator", "chair", "idva", "analyst", "admin", "police_rep"])
def test_no_other_role_can_search(trail, locale, persona):
    assert not auditable_events(actor=locale.actor(persona)).exists()


@pytest.mark.parametrize("name", ["zoe okafor", "ZOË", "okafor", "Brightwater"])
def test_by_a_victims_name_or_alias(trail, auditor, name):
    result = search_events(actor=auditor, search=AuditSearch(person=name))
    assert result.people_matched == 1
    assert {event.pk for event in result.events} == pks(
        trail.housing_viewed_case, trail.social_care_refused_case, trail.far_police_refused_case
    )


def test_by_a_perpetrators_name_finds_his_cases_and_his_own_record(trail, auditor):
    assert found(auditor, person="Darren Vale") == pks(
        trail.housing_viewed_case,
        trail.social_care_refused_case,
        trail.far_police_refused_case,
        trail.coordinator_updated_perpetrator,
    )


def test_a_name_no_one_has_finds_nothing_and_says_so(trail, auditor):
    result = search_events(actor=auditor, search=AuditSearch(person="Nobody Atall"))
    assert result.people_matched == 0
    assert not result.events.exists()


def test_by_case_reference(trail, auditor):
    result = search_events(actor=auditor, search=AuditSearch(case_reference=" rs-00001 "))
    assert result.cases_matched == 1
    assert {event.pk for event in result.events} == pks(
        trail.housing_viewed_case, trail.social_care_refused_case, trail.far_police_refused_case
    )
    assert {event.case_reference for event in result.events} == {"RS-00001", None}


def test_another_localitys_case_reference_finds_nothing(trail, auditor):
    result = search_events(actor=auditor, search=AuditSearch(case_reference="HC-00001"))
    assert result.cases_matched == 0
    assert not result.events.exists()


def test_by_user_name(trail, auditor):
    assert found(auditor, username="Riverside-Housing_Rep") == pks(trail.housing_viewed_case, trail.housing_exported)


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (AuditAction.DENIED, ("social_care_refused_case", "far_police_refused_case")),
        (AuditAction.EXPORT, ("housing_exported",)),
        (AuditAction.UPDATE, ("coordinator_updated_perpetrator",)),
    ],
)
def test_by_action(trail, auditor, action, expected):
    assert found(auditor, action=action) == pks(*(getattr(trail, name) for name in expected))


def test_by_purpose(trail, auditor):
    assert found(auditor, purpose=AuditPurpose.MEETING) == pks(trail.housing_viewed_case)


def test_by_dates_each_end_included(trail, auditor):
    assert found(auditor, date_from=dt.date(2026, 3, 9), date_to=dt.date(2026, 3, 9)) == pks(
        trail.coordinator_updated_perpetrator, trail.social_care_refused_case, trail.far_police_refused_case
    )
    assert found(auditor, date_to=dt.date(2026, 3, 2)) == pks(trail.housing_viewed_case, trail.police_viewed_other_case)
    # 23:00 on the last day is still that day.
    assert found(auditor, date_from=dt.date(2026, 3, 16)) == pks(trail.housing_exported)


def test_criteria_combine(trail, auditor):
    assert found(auditor, person="okafor", action=AuditAction.DENIED, username="hillcrest-police_rep") == pks(
        trail.far_police_refused_case
    )


def test_newest_first(trail, auditor):
    events = list(search_events(actor=auditor, search=AuditSearch()).events)
    assert [event.occurred_at for event in events] == sorted((event.occurred_at for event in events), reverse=True)


def test_criteria_round_trip_through_the_session(trail):
    criteria = AuditSearch(person="Zoë", action="denied", date_from=dt.date(2026, 3, 1))
    assert criteria.as_dict() == {"person": "Zoë", "action": "denied", "date_from": "2026-03-01"}
    assert AuditSearch.from_dict(criteria.as_dict()) == criteria
