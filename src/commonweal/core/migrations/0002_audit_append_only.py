"""On PostgreSQL, refuse UPDATE and DELETE on the audit trail inside the database itself.

The application already refuses them; this stops a stray SQL statement too.
(SQLite has no role separation worth the trigger: there the hash chain is the
guard, and ``commonweal audit verify`` finds any change.)
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: entries cannot be changed or removed.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry;
DROP FUNCTION IF EXISTS core_auditentry_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


def create_chain_head(apps, schema_editor):
    # The single row that appending locks; made here so two first writers never race to create it.
    apps.get_model("core", "AuditChainHead").objects.get_or_create(
        pk=1, defaults={"last_hash": "0" * 64}
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [
        migrations.RunPython(forward, backward),
        migrations.RunPython(create_chain_head, migrations.RunPython.noop),
    ]
