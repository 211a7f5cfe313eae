"""The catalogue ships with suggested actions for each kind of agency, and is edited in the admin."""

import pytest
from django.contrib import admin

from marac.actions.models import CatalogueAction
from marac.agencies.models import AgencyType

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "agency_type",
    [
        AgencyType.POLICE,
        AgencyType.HOUSING,
        AgencyType.CHILDRENS_SOCIAL_CARE,
        AgencyType.PERPETRATOR_PROGRAMME,
        AgencyType.IDVA_SERVICE,
        AgencyType.HEALTH,
        AgencyType.MENTAL_HEALTH,
        AgencyType.EDUCATION,
        AgencyType.PROBATION,
        AgencyType.ADULT_SOCIAL_CARE,
    ],
)
def test_every_kind_of_agency_has_suggestions(agency_type):
    assert CatalogueAction.objects.filter(agency_type=agency_type, is_active=True).count() >= 2


def test_the_examples_from_practice_are_there():
    texts = set(CatalogueAction.objects.values_list("text", flat=True))
    assert "Provide the victim with a personal alarm" in texts
    assert "Carry out security repairs to the victim's home as a priority" in texts
    assert "Engage the perpetrator through a treatment assessment" in texts
    assert "Report back to the victim on what the meeting agreed" in texts


def test_the_catalogue_is_editable_in_the_admin():
    assert admin.site.is_registered(CatalogueAction)
