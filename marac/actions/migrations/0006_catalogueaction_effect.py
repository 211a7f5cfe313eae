"""The catalogue's effects: "consider the perpetrator for MATAC" refers the case's perpetrators into MATAC.

The shipped row is found once here, by the words it was shipped with; from now on its `effect` identifies it, so a
locality may reword it.
"""

from django.db import migrations, models

from marac.actions.catalogue import catalogue_mark_default_effects


def mark(apps, schema_editor):
    catalogue_mark_default_effects(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0005_actionchase_actionnotice"),
    ]

    operations = [
        migrations.AddField(
            model_name="catalogueaction",
            name="effect",
            field=models.CharField(
                blank=True,
                choices=[("", "Nothing more"), ("matac_referral", "Refers the case's perpetrators into MATAC")],
                default="",
                help_text="What agreeing this action sets off: a MATAC referral of the case's perpetrators, or nothing "
                "more.",
                max_length=30,
            ),
        ),
        migrations.RunPython(mark, migrations.RunPython.noop),
    ]
