"""The data migration gives names in other scripts, saved before they were transliterated, their matching key."""

import importlib

import pytest
from django.apps import apps

from marac.people.models import Alias, Person
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("marac.people.migrations.0004_renormalise_names_in_other_scripts")


def test_stale_keys_of_cyrillic_and_greek_names_are_rebuilt_and_latin_ones_left_alone():
    cyrillic = PersonFactory(given_name="Олена", family_name="Коваленко")
    latin = PersonFactory(given_name="Zoë", family_name="O'Neill")
    alias = Alias.objects.create(person=latin, name="Γεωργία Παππά")
    # As saved before transliteration: the letters outside Latin were dropped.
    Person.objects.filter(pk=cyrillic.pk).update(normalised_name="")
    Alias.objects.filter(pk=alias.pk).update(normalised_name="")

    migration.renormalise(apps, None)

    assert Person.objects.get(pk=cyrillic.pk).normalised_name == "olena kovalenko"
    assert Person.objects.get(pk=latin.pk).normalised_name == "zoe oneill"
    assert Alias.objects.get(pk=alias.pk).normalised_name == "georgia pappa"
