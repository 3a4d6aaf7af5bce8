"""Database rule: an annual figure's year is at most next year.

The CHECK constraint programs_annualfigure_year_in_range keeps the fixed bounds (1950-2100); a
CHECK cannot hold "next year", which moves, so a trigger checks each row as it is written, on
SQLite and PostgreSQL. The database clock runs in UTC while the forms use Tokyo time, so the
trigger reckons "this year" from *tomorrow* in UTC: it never refuses a row the form accepted.

SQLite drops a table's triggers when Django rebuilds the table (some AlterField/AddField
operations): a later migration of AnnualFigure must create this trigger again.
tests/test_programs_models.py fails if it is missing.
"""

from django.db import migrations

NAME = "programs_annualfigure_not_after_next_year"
TABLE = "programs_annualfigure"

POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION {NAME}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.year::integer > EXTRACT(YEAR FROM CURRENT_DATE + 1)::integer + 1 THEN
            RAISE EXCEPTION 'new row for relation "{TABLE}" violates check constraint "{NAME}"'
                USING ERRCODE = 'check_violation', CONSTRAINT = '{NAME}',
                      DETAIL = 'Figures can be entered up to next year.';
        END IF;
        RETURN NEW;
    END
    $$
    """,
    f"""
    CREATE TRIGGER {NAME} BEFORE INSERT OR UPDATE OF year ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {NAME}()
    """,
]
POSTGRESQL_REVERSE = [f"DROP TRIGGER IF EXISTS {NAME} ON {TABLE}", f"DROP FUNCTION IF EXISTS {NAME}()"]

SQLITE_CONDITION = "NEW.year > CAST(strftime('%Y', 'now', '+1 day') AS INTEGER) + 1"
SQLITE = [
    f"""
    CREATE TRIGGER {NAME}_{event} BEFORE {event_sql} ON {TABLE}
    WHEN {SQLITE_CONDITION}
    BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {NAME}'); END
    """
    for event, event_sql in (("insert", "INSERT"), ("update", "UPDATE OF year"))
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
        ("programs", "0003_program_publish_permission"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
