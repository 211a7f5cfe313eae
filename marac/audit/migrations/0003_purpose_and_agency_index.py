from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="purpose",
            field=models.CharField(
                blank=True, default="", help_text="Why: case management, meeting…", max_length=100
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["agency", "occurred_at"], name="audit_event_agency_time"),
        ),
    ]
