"""On PostgreSQL, a trigger refuses every UPDATE and DELETE of an audit event: the trail is append-only.

TRUNCATE is left possible, on purpose: the test database between tests and `load_demo --reset` (through Django's
`flush`) empty every table with it. Row triggers do not fire on TRUNCATE, and the privilege to truncate is a
separate grant: in production the application's database role should be granted INSERT and SELECT on this table
only, and not own it (an owner can disable the trigger). SQLite, the development database, has no such trigger;
`audit_verify` detects tampering on both.
"""

from django.db import migrations

FUNCTION = "audit_event_refuse_change"
TRIGGER = "audit_event_append_only"


def _table(apps) -> str:
    return apps.get_model("audit", "AuditEvent")._meta.db_table


def create_trigger(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(_table(apps))
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit events are append-only: % of event % refused', TG_OP, OLD.id
                USING ERRCODE = 'restrict_violation';
        END;
        $$
        """,
        params=None,  # no placeholders: the % in RAISE are PL/pgSQL's own
    )
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
    )


def drop_trigger(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(_table(apps))
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0003_purpose_and_agency_index"),
    ]

    operations = [
        migrations.RunPython(create_trigger, drop_trigger, elidable=False),
    ]
