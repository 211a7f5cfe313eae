"""A record merged into another is no longer a person to link to: its names live on as the survivor's aliases."""

import pytest

from marac.linkage.people import known_people
from marac.people.models import Person
from marac.testing.factories import LocalityFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_merged_records_are_left_out_of_the_people_to_link_to():
    locality = LocalityFactory()
    kept = PersonFactory(locality=locality, given_name="Aurelia", family_name="Moldovan")
    merged = PersonFactory(locality=locality, given_name="Aurelia", family_name="Moldovanu")
    Person.objects.filter(pk=merged.pk).update(merged_into=kept)

    person_ids = set(known_people(locality).column("person_id").to_pylist())

    assert person_ids == {kept.pk}
