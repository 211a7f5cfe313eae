"""Who sees which duties: an agency its own, the coordinator and the chair the locality's; nobody a duty on a case
they are barred from; nothing without a signed sharing agreement."""

import pytest
from django.urls import reverse

from marac.access.models import CaseExclusion
from marac.duties.selectors import our_duties, visible_duties
from marac.duties.tests.factories import duty_on
from marac.duties.tests.helpers import known_case, text_of
from marac.governance.models import Signature

pytestmark = pytest.mark.django_db


@pytest.fixture
def duties(locale):
    s = known_case(locale)
    return s, duty_on(s.case, agency=locale.housing), duty_on(s.case, agency=locale.police)


def test_an_agency_sees_its_own_duties_only(locale, duties):
    s, housing, police = duties
    assert list(our_duties(actor=locale.actor("housing_rep"))) == [housing]
    assert list(our_duties(actor=locale.actor("police_referrer"))) == [police]
    assert list(our_duties(actor=locale.actor("health_rep"))) == []
    page = text_of(locale.client("housing_rep").get(reverse("duties:ours")))
    assert s.case.reference in page
    assert locale.client("housing_rep").get(reverse("duties:detail", args=[police.pk])).status_code == 404
    assert locale.client("health_rep").get(reverse("duties:detail", args=[housing.pk])).status_code == 404


def test_the_coordinator_and_the_chair_see_every_duty_of_the_locality(locale, other_locale, duties):
    _s, housing, police = duties
    assert set(visible_duties(locale.actor("coordinator"))) == {housing, police}
    assert set(visible_duties(locale.actor("chair"))) == {housing, police}
    assert list(visible_duties(other_locale.actor("coordinator"))) == []
    assert list(visible_duties(locale.actor("analyst"))) == []


def test_a_barred_user_sees_no_duty_on_the_case(locale, duties):
    s, housing, _police = duties
    CaseExclusion.objects.create(
        case=s.case,
        user=locale.memberships["housing_rep"].user,
        reason="Neighbour of the victim",
        added_by=locale.memberships["coordinator"].user,
        added_at=s.case.opened_at,
    )
    assert list(visible_duties(locale.actor("housing_rep"))) == []
    client = locale.client("housing_rep")
    assert client.get(reverse("duties:detail", args=[housing.pk])).status_code == 404
    assert s.case.reference not in text_of(client.get(reverse("duties:ours")))


def test_without_the_signed_agreement_an_agency_sees_no_duty(locale, duties):
    Signature.objects.filter(agency=locale.housing).delete()
    assert list(visible_duties(locale.actor("housing_rep"))) == []
