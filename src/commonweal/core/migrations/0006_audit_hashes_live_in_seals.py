"""The entries' own hash columns go (their hashes are in the seals now), and on PostgreSQL the database
refuses TRUNCATE of the trail and any change to seals and checkpoints, and never lets the head go back.

The TRUNCATE trigger stops a stray statement; the demo's reset and the test suite's flush say they mean it
(a setting of the session). Someone who owns the tables could switch any trigger off, which is why the
application's role must not own them: without the TRUNCATE privilege it cannot truncate at all.

Sealing inserts; it never updates an entry or a seal. So in production the application's database role
needs only SELECT and INSERT on the trail (see the README for the exact grants).
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION core_audit_refuse_truncate() RETURNS trigger AS $$
BEGIN
    -- Only the demo's reset and the test suite's flush say so (audit_chain.truncate_allowed).
    IF current_setting('commonweal.audit_truncate', true) = 'allowed' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION USING MESSAGE = 'The audit trail is append-only: ' || TG_TABLE_NAME || ' cannot be truncated.';
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION core_auditchainhead_forward_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.seq < OLD.seq THEN
        RAISE EXCEPTION 'The audit trail''s head only moves forward.';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditentry_no_truncate BEFORE TRUNCATE ON core_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION core_audit_refuse_truncate();
CREATE TRIGGER core_auditseal_no_update BEFORE UPDATE OR DELETE ON core_auditseal
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
CREATE TRIGGER core_auditseal_no_truncate BEFORE TRUNCATE ON core_auditseal
    FOR EACH STATEMENT EXECUTE FUNCTION core_audit_refuse_truncate();
CREATE TRIGGER core_auditcheckpoint_no_update BEFORE UPDATE OR DELETE ON core_auditcheckpoint
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
CREATE TRIGGER core_auditcheckpoint_no_truncate BEFORE TRUNCATE ON core_auditcheckpoint
    FOR EACH STATEMENT EXECUTE FUNCTION core_audit_refuse_truncate();
CREATE TRIGGER core_auditchainhead_forward BEFORE UPDATE OR DELETE ON core_auditchainhead
    FOR EACH ROW EXECUTE FUNCTION core_auditchainhead_forward_only();
CREATE TRIGGER core_auditchainhead_no_truncate BEFORE TRUNCATE ON core_auditchainhead
    FOR EACH STATEMENT EXECUTE FUNCTION core_audit_refuse_truncate();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry;
DROP TRIGGER IF EXISTS core_auditseal_no_update ON core_auditseal;
DROP TRIGGER IF EXISTS core_auditseal_no_truncate ON core_auditseal;
DROP TRIGGER IF EXISTS core_auditcheckpoint_no_update ON core_auditcheckpoint;
DROP TRIGGER IF EXISTS core_auditcheckpoint_no_truncate ON core_auditcheckpoint;
DROP TRIGGER IF EXISTS core_auditchainhead_forward ON core_auditchainhead;
DROP TRIGGER IF EXISTS core_auditchainhead_no_truncate ON core_auditchainhead;
DROP FUNCTION IF EXISTS core_auditchainhead_forward_only();
DROP FUNCTION IF EXISTS core_audit_refuse_truncate();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_audit_seal_existing_entries")]
    operations = [
        migrations.RemoveField(model_name="auditentry", name="hash"),
        migrations.RemoveField(model_name="auditentry", name="prev_hash"),
        migrations.RunPython(forward, backward),
    ]
