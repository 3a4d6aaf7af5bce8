"""Database rules that CHECK constraints cannot hold, as triggers on SQLite and PostgreSQL.

A CHECK must give the same answer for a row whenever it is evaluated, so "not after the
current month" cannot be one: "now" moves. A trigger checks each row as it is written instead,
and fails the way a CHECK constraint does (an IntegrityError naming the rule).

SQLite drops a table's triggers when Django rebuilds the table (some AlterField/AddField
operations): a later migration of that table must run `refuse_rows_where(...)` again.
"""

from django.db import migrations


def refuse_rows_where(name, table, columns, *, postgresql, sqlite, detail):
    """A migration operation: refuse inserted or updated rows for which the condition holds.

    `postgresql` and `sqlite` are the condition on the row NEW in each dialect; `columns` are
    the ones an UPDATE must touch for the rule to be checked again.
    """
    columns = ", ".join(columns)
    violation = f'new row for relation "{table}" violates check constraint "{name}"'
    forward = {
        "postgresql": [
            f"""
            CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF {postgresql} THEN
                    RAISE EXCEPTION '{violation}'
                        USING ERRCODE = 'check_violation', CONSTRAINT = '{name}',
                              DETAIL = '{detail}';
                END IF;
                RETURN NEW;
            END
            $$
            """,
            f"""
            CREATE TRIGGER {name} BEFORE INSERT OR UPDATE OF {columns} ON {table}
            FOR EACH ROW EXECUTE FUNCTION {name}()
            """,
        ],
        "sqlite": [
            f"""
            CREATE TRIGGER {name}_{event} BEFORE {event_sql} ON {table}
            WHEN {sqlite}
            BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {name}'); END
            """
            for event, event_sql in (("insert", "INSERT"), ("update", f"UPDATE OF {columns}"))
        ],
    }
    backward = {
        "postgresql": [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"DROP FUNCTION IF EXISTS {name}()",
        ],
        "sqlite": [f"DROP TRIGGER IF EXISTS {name}_{event}" for event in ("insert", "update")],
    }
    return migrations.RunPython(_run(forward), _run(backward))


def refuse_rows_where_again(name, table, columns, *, sqlite, **_other_dialects):
    """The same trigger made again on SQLite, after a migration rebuilt its table.

    Takes the arguments of the `refuse_rows_where(...)` that first made it. PostgreSQL keeps
    triggers through every table change, so there it does nothing.
    """
    columns = ", ".join(columns)
    forward = {
        "postgresql": [],
        "sqlite": [
            statement
            for event, event_sql in (("insert", "INSERT"), ("update", f"UPDATE OF {columns}"))
            for statement in (
                f"DROP TRIGGER IF EXISTS {name}_{event}",
                f"""
                CREATE TRIGGER {name}_{event} BEFORE {event_sql} ON {table}
                WHEN {sqlite}
                BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {name}'); END
                """,
            )
        ],
    }
    return migrations.RunPython(_run(forward), migrations.RunPython.noop)


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
