"""Database rule: a deployment cannot be later than the current month.

A CHECK constraint cannot say this (it must give the same answer forever, and "now" moves), so
a trigger checks each row as it is written, on SQLite and PostgreSQL. The database clock runs
in UTC while the site's forms use Tokyo time, so the trigger allows the month of *tomorrow* in
UTC: it never refuses a row the form accepted, and still refuses anything later.

SQLite drops a table's triggers when Django rebuilds the table (some AlterField/AddField
operations): a later migration of DisasterDeployment must create this trigger again.
tests/test_deployments_models.py fails if it is missing.
"""

from django.db import migrations

NAME = "deployment_not_after_current_month"
TABLE = "deployments_disasterdeployment"

POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION {NAME}() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        tomorrow date := CURRENT_DATE + 1;
    BEGIN
        IF NEW.year::integer * 12 + NEW.month::integer >
           EXTRACT(YEAR FROM tomorrow)::integer * 12 + EXTRACT(MONTH FROM tomorrow)::integer
        THEN
            RAISE EXCEPTION 'new row for relation "{TABLE}" violates check constraint "{NAME}"'
                USING ERRCODE = 'check_violation', CONSTRAINT = '{NAME}',
                      DETAIL = 'A deployment cannot be later than the current month.';
        END IF;
        RETURN NEW;
    END
    $$
    """,
    f"""
    CREATE TRIGGER {NAME} BEFORE INSERT OR UPDATE OF year, month ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {NAME}()
    """,
]
POSTGRESQL_REVERSE = [f"DROP TRIGGER IF EXISTS {NAME} ON {TABLE}", f"DROP FUNCTION IF EXISTS {NAME}()"]

SQLITE_CONDITION = (
    "NEW.year * 12 + NEW.month > "
    "CAST(strftime('%Y', 'now', '+1 day') AS INTEGER) * 12 "
    "+ CAST(strftime('%m', 'now', '+1 day') AS INTEGER)"
)
SQLITE = [
    f"""
    CREATE TRIGGER {NAME}_{event} BEFORE {event_sql} ON {TABLE}
    WHEN {SQLITE_CONDITION}
    BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {NAME}'); END
    """
    for event, event_sql in (("insert", "INSERT"), ("update", "UPDATE OF year, month"))
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {NAME}_{event}" for event in ("insert", "update")]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise NotImplementedError(
                f"No trigger for {schema_editor.connection.vendor}: the site supports SQLite "
                "and PostgreSQL."
            )
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("deployments", "0002_help_text_on_every_field"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
