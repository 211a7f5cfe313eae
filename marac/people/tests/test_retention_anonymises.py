"""The retention command anonymises exactly the expired cases: personal details and free text go, structured facts
and every row stay, so the partnership's counts do not change."""

import pytest

from marac.access.models import CaseExclusion
from marac.actions.models import Action, ActionStatus
from marac.people.models import Alias, Person
from marac.people.retention import ERASED
from marac.people.tests.factories import (
    CHILD_DETAILS,
    FREE_TEXT,
    PERPETRATOR_DETAILS,
    VICTIM_DETAILS,
    case_with_everything,
    years_ago,
)
from marac.people.tests.retention_helpers import as_text, case_rows, people_rows, run_retention
from marac.referrals.models import CaseStatus, Referral
from marac.risk.models import Assessment
from marac.testing.factories import PersonFactory

PERSONAL = VICTIM_DETAILS + PERPETRATOR_DETAILS + CHILD_DETAILS + FREE_TEXT


@pytest.fixture
def expired(locale):
    everything = case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7))
    CaseExclusion.objects.create(
        case=everything.case,
        user=locale.memberships["housing_rep"].user,
        reason=FREE_TEXT[13],
        added_by=locale.memberships["coordinator"].user,
        added_at=years_ago(7),
    )
    return everything


@pytest.fixture
def live(locale):
    return case_with_everything(
        locale,
        victim=PersonFactory(locality=locale.locality, given_name="Beatrix", family_name="Norland"),
        perpetrator=PersonFactory(locality=locale.locality, given_name="Colin", family_name="Marsh"),
    )


def _counts(case_ids) -> dict[str, int]:
    return {label: len(rows) for label, rows in case_rows(case_ids).items()}


@pytest.mark.django_db
def test_no_personal_detail_or_free_text_survives(expired, live):
    people = [expired.victim.pk, expired.perpetrator.pk, expired.child.pk]
    before = as_text(case_rows([expired.case.pk])) + as_text(people_rows(people))
    assert [detail for detail in PERSONAL if detail not in before] == [], "the fixture holds every detail looked for"

    run_retention()

    after = as_text(case_rows([expired.case.pk])) + as_text(people_rows(people))
    survivors = [detail for detail in PERSONAL if detail in after]
    assert survivors == []


@pytest.mark.django_db
def test_every_row_stays_and_the_structured_facts_with_it(expired, live):
    counts = _counts([expired.case.pk])
    run_retention()
    assert _counts([expired.case.pk]) == counts

    case = expired.case
    case.refresh_from_db()
    assert case.erased_at is not None
    assert (case.status, case.risk_level, case.reference) == (CaseStatus.CLOSED, "high", expired.case.reference)
    assert case.closed_at is not None and case.opened_at is not None

    referral = Referral.objects.get(pk=expired.referral.pk)
    assert referral.criteria_met == ["Professional judgement"]
    assert (referral.consent, referral.triage_status, referral.children_in_household) == ("not_sought", "listed", 1)
    assert referral.risk_summary == ERASED and referral.triage_note == "", "blank text stays blank"
    assert referral.submitted_details["victim"] == {
        "given_name": ERASED,
        "family_name": "",
        "aliases": [],
        "date_of_birth": None,
        "age_at_referral": 35,
        "person_id": expired.victim.pk,
        "gender": "female",
        "ethnicity": "black",
    }
    assert referral.submitted_details["perpetrators"][0]["age_at_referral"] == 40
    assert len(referral.submitted_details["children"]) == 1

    assessment = Assessment.objects.get(case=case)
    assert (assessment.score, assessment.final_level, assessment.judgement_level) == (15, "high", "high")
    assert sum(answer["answer"] == "yes" for answer in assessment.answers.values()) == 15
    assert assessment.safety == {
        "safe_to_talk": "yes",
        "safe_contact": ERASED,
        "perpetrator_whereabouts": ERASED,
        "children_whereabouts": ERASED,
    }

    actions = {action.owner_agency_id: action for action in Action.objects.filter(case=case)}
    assert actions[expired.case.locality.agencies.get(name__endswith="Police").pk].text == "Marker on the address"
    housing_action = actions[expired.case.locality.agencies.get(name__endswith="Housing").pk]
    assert (housing_action.text, housing_action.status) == (ERASED, ActionStatus.NOT_POSSIBLE)


@pytest.mark.django_db
def test_people_keep_their_equality_monitoring_and_lose_the_rest(expired, live):
    expired.victim.gender = "female"
    expired.victim.ethnicity = "black"
    expired.victim.religion = "Christian"
    expired.victim.save()
    run_retention()
    victim = Person.objects.get(pk=expired.victim.pk)
    assert (victim.given_name, victim.family_name, victim.normalised_name) == (ERASED, "", "")
    assert victim.date_of_birth is None
    assert (victim.address, victim.postcode, victim.phone, victim.best_time_to_call) == ("", "", "", "")
    assert victim.safe_to_call is None and victim.address_is_safe_address is False
    assert (victim.gender, victim.ethnicity, victim.religion) == ("female", "black", "Christian")
    assert victim.erased_at is not None
    assert not Alias.objects.filter(person_id__in=[expired.victim.pk, expired.perpetrator.pk]).exists()


@pytest.mark.django_db
def test_a_case_within_its_period_is_untouched(expired, live):
    live_case = live.case
    before = as_text(case_rows([live_case.pk])) + as_text(people_rows([live.victim.pk, live.perpetrator.pk]))
    run_retention()
    after = as_text(case_rows([live_case.pk])) + as_text(people_rows([live.victim.pk, live.perpetrator.pk]))
    assert after == before
