"""Names saved before other scripts were written in Latin letters get their matching key again.

Only rows with a character outside ASCII can have changed: Latin names normalise exactly as before.
"""

from django.db import migrations

from marac.people.normalise import normalise_name

BATCH = 2000


def _renormalise(rows, key_of, model) -> None:
    changed = []
    for row in rows.iterator(chunk_size=BATCH):
        key = key_of(row)
        if key != row.normalised_name:
            row.normalised_name = key
            changed.append(row)
        if len(changed) >= BATCH:
            model.objects.bulk_update(changed, ["normalised_name"])
            changed = []
    model.objects.bulk_update(changed, ["normalised_name"])


def renormalise(apps, schema_editor) -> None:
    Person = apps.get_model("people", "Person")
    Alias = apps.get_model("people", "Alias")
    _renormalise(
        Person.objects.only("given_name", "family_name", "normalised_name"),
        lambda person: normalise_name(person.given_name, person.family_name),
        Person,
    )
    _renormalise(Alias.objects.only("name", "normalised_name"), lambda alias: normalise_name(alias.name), Alias)


class Migration(migrations.Migration):
    dependencies = [("people", "0003_person_merge")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
