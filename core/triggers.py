"""Database rules that CHECK constraints cannot hold, as triggers on SQLite and PostgreSQL.

A CHECK must give the same answer for a row whenever it is evaluated, so "not after the
current month" cannot be one: "now" moves. A trigger checks each row as it is written instead,
and fails the way a CHECK constraint does (an IntegrityError naming the rule).

SQLite drops a table's triggers when Django rebuilds the table (some AlterField/AddField
operations): a later migration of that table must run `refuse_rows_where(...)` again.
"""

from django.db import migrations
from django.utils.translation import gettext as _

# How many of the rows that break a new rule the migration's message lists.
LISTED_ROWS = 20


class RowsBreakRule(Exception):
    """Rows already in a table break the rule a migration is adding: fix them, then migrate."""


def refuse_rows_where(name, table, columns, *, postgresql, sqlite, detail):
    """A migration operation: refuse inserted or updated rows for which the condition holds.

    `postgresql` and `sqlite` are the condition on the row NEW in each dialect; `columns` are
    the ones an UPDATE must touch for the rule to be checked again. Rows already in the table
    that break the rule stop the migration (RowsBreakRule, listing them): a trigger checks only
    the rows written after it, so they would otherwise stay, unnoticed, until someone edits them.
    """
    check = _refuse_existing_rows(name, table, columns, postgresql, sqlite, detail)
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
    return migrations.RunPython(_run(forward, before=check), _run(backward))


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


def _refuse_existing_rows(name, table, columns, postgresql, sqlite, detail):
    def check(schema_editor):
        connection = schema_editor.connection
        condition = {"postgresql": postgresql, "sqlite": sqlite}[connection.vendor]
        condition = condition.replace("NEW.", f"{table}.")
        shown = ", ".join(["id", *columns])
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {condition}")
            count = cursor.fetchone()[0]
            if not count:
                return
            cursor.execute(
                f"SELECT {shown} FROM {table} WHERE {condition} ORDER BY id LIMIT {LISTED_ROWS}"
            )
            rows = cursor.fetchall()
        listed = "\n".join(
            f"  id {row[0]}, "
            + ", ".join(f"{c}={v}" for c, v in zip(columns, row[1:], strict=True))
            for row in rows
        )
        lines = [
            _(
                "Existing rows of %(table)s break the rule %(rule)s that this migration adds "
                "(%(detail)s); %(count)d found:"
            )
            % {"table": table, "rule": name, "detail": detail, "count": count},
            listed,
        ]
        if count > len(rows):
            lines.append("  " + _("… and %(count)d more") % {"count": count - len(rows)})
        query = f"SELECT {shown} FROM {table} WHERE {condition}"
        lines.append(
            _("Correct or delete them (in the admin, or %(query)s), then run migrate again.")
            % {"query": query}
        )
        raise RowsBreakRule("\n".join(lines))

    return check


def _run(statements_by_vendor, before=None):
    def run(apps, schema_editor):
        if before is not None and schema_editor.connection.vendor in statements_by_vendor:
            before(schema_editor)
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise NotImplementedError(
                f"No trigger for {schema_editor.connection.vendor}: the site supports SQLite "
                "and PostgreSQL."
            )
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run
