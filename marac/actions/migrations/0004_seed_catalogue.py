"""Seed the action catalogue with the shipped defaults of `marac.actions.catalogue`."""

from django.db import migrations

from marac.actions.catalogue import DEFAULT_CATALOGUE, catalogue_seed_defaults


def seed(apps, schema_editor):
    catalogue_seed_defaults(apps)


def unseed(apps, schema_editor):
    catalogue_action = apps.get_model("actions", "CatalogueAction")
    for agency_type, texts in DEFAULT_CATALOGUE.items():
        catalogue_action.objects.filter(agency_type=agency_type, text__in=texts).delete()


class Migration(migrations.Migration):
    dependencies = [("actions", "0003_initial")]

    operations = [migrations.RunPython(seed, unseed)]
