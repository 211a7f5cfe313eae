"""Whose reviews each role follows: the locality's for the coordinator and chair, her service's for the IDVA,
and for an agency representative the visible cases their agency assessed last."""

import datetime as dt

import pytest
from django.utils import timezone

from marac.referrals.models import CaseStatus
from marac.risk.review_selectors import reviews_due
from marac.risk.tests.review_factories import hear_case, make_assessment, make_case

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def cases(locale, other_locale):
    now = timezone.now()
    police_assessed = make_case(locale, idva_agency=locale.idva_service)
    hear_case(locale, police_assessed, invited=[locale.police, locale.housing, locale.idva_service])
    make_assessment(police_assessed, level="high", agency=locale.police, assessed_at=now - DAY)

    housing_assessed = make_case(locale)
    hear_case(locale, housing_assessed, invited=[locale.police, locale.housing])
    make_assessment(housing_assessed, level="high", agency=locale.police, assessed_at=now - 30 * DAY)
    make_assessment(housing_assessed, level="high", agency=locale.housing, assessed_at=now - 10 * DAY)

    # Housing assessed last, but no meeting has shared the case with housing.
    unseen_by_housing = make_case(locale, idva_agency=locale.idva_service)
    make_assessment(unseen_by_housing, level="high", agency=locale.housing, assessed_at=now - 2 * DAY)

    not_yet_due = make_case(locale, idva_agency=locale.idva_service)
    hear_case(locale, not_yet_due, invited=[locale.police, locale.idva_service])
    make_assessment(not_yet_due, level="medium", agency=locale.police, assessed_at=now)

    closed = make_case(locale, idva_agency=locale.idva_service, status=CaseStatus.CLOSED)
    hear_case(locale, closed, invited=[locale.police, locale.idva_service])
    make_assessment(closed, level="high", agency=locale.police, assessed_at=now - 20 * DAY)

    elsewhere = make_case(other_locale)
    make_assessment(elsewhere, level="high", agency=other_locale.police, assessed_at=now - 20 * DAY)
    return {
        "police_assessed": police_assessed,
        "housing_assessed": housing_assessed,
        "unseen_by_housing": unseen_by_housing,
    }


EXPECTED = {
    "coordinator": {"police_assessed", "housing_assessed", "unseen_by_housing"},
    "chair": {"police_assessed", "housing_assessed", "unseen_by_housing"},
    "idva": {"police_assessed", "unseen_by_housing"},
    "police_rep": {"police_assessed"},
    "housing_rep": {"housing_assessed"},
    "social_care_rep": set(),
    "health_rep": set(),
    "police_referrer": set(),
    "analyst": set(),
    "admin": set(),
    "auditor": set(),
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_sees_the_reviews_it_owns(locale, cases, persona):
    listed = {case.pk for case in reviews_due(actor=locale.actor(persona))}
    assert listed == {cases[name].pk for name in EXPECTED[persona]}


def test_a_later_assessment_by_another_agency_hands_the_review_over(locale, cases):
    make_assessment(cases["police_assessed"], level="high", agency=locale.housing, assessed_at=timezone.now())
    police = {case.pk for case in reviews_due(actor=locale.actor("police_rep"))}
    housing = {case.pk for case in reviews_due(actor=locale.actor("housing_rep"))}
    assert cases["police_assessed"].pk not in police
    assert cases["police_assessed"].pk in housing
