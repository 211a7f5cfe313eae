"""Trigram indexes on the normalised names of people and their other names, on PostgreSQL only.

The person search matches the letters typed anywhere in a name, and each word within one typing mistake, by regular
expression (`marac.people.name_search`); `pg_trgm`'s GIN index answers both without reading every name of the
locality. SQLite has no such index and reads the names.
"""

from django.db import migrations

INDEXES = (
    ("people_person_name_trigrams", "people_person"),
    ("people_alias_name_trigrams", "people_alias"),
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (normalised_name gin_trgm_ops)")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_leaner_indexes"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
