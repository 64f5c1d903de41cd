"""On PostgreSQL, a trigger refuses UPDATE and DELETE on the audit log."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION common_auditentry_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'common_auditentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER common_auditentry_no_change BEFORE UPDATE OR DELETE ON common_auditentry
FOR EACH ROW EXECUTE FUNCTION common_auditentry_append_only();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS common_auditentry_no_change ON common_auditentry;
DROP FUNCTION IF EXISTS common_auditentry_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER common_auditentry_no_update BEFORE UPDATE ON common_auditentry
BEGIN SELECT RAISE(ABORT, 'common_auditentry is append-only'); END;
"""
SQLITE_FORWARD_2 = """
CREATE TRIGGER common_auditentry_no_delete BEFORE DELETE ON common_auditentry
BEGIN SELECT RAISE(ABORT, 'common_auditentry is append-only'); END;
"""


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(FORWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)
        schema_editor.execute(SQLITE_FORWARD_2)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS common_auditentry_no_update")
        schema_editor.execute("DROP TRIGGER IF EXISTS common_auditentry_no_delete")


class Migration(migrations.Migration):
    dependencies = [("common", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
