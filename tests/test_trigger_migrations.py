"""A migration adding a moving-date rule (core.triggers.refuse_rows_where) refuses to run while
rows already in the table break the rule, and names them, instead of leaving them in place."""

import pytest
from django.db import connection
from django.utils import translation

from core.triggers import LISTED_ROWS, RowsBreakRule, refuse_rows_where

pytestmark = pytest.mark.django_db(transaction=True)

TABLE = "test_trigger_rows"


def rule():
    return refuse_rows_where(
        "test_trigger_rows_not_far_future",
        TABLE,
        ["year"],
        postgresql="NEW.year > 2100",
        sqlite="NEW.year > 2100",
        detail="A row cannot be after 2100.",
    )


@pytest.fixture
def table():
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {TABLE} (id integer PRIMARY KEY, year integer, label text)")
    yield TABLE
    with connection.schema_editor() as editor:
        rule().reverse_code(None, editor)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {TABLE}")


def insert(rows):
    with connection.cursor() as cursor:
        for row in rows:
            cursor.execute(f"INSERT INTO {TABLE} (id, year, label) VALUES (%s, %s, %s)", row)


def test_existing_rows_that_break_the_rule_stop_the_migration_and_are_listed(table):
    insert([(1, 2019, "fine"), (7, 2999, "typo"), (9, 3001, "another")])
    with pytest.raises(RowsBreakRule) as failure, connection.schema_editor() as editor:
        rule().code(None, editor)
    message = str(failure.value)
    assert "Existing rows of test_trigger_rows break the rule" in message
    assert "2 found" in message
    assert "A row cannot be after 2100." in message
    assert "id 7" in message and "id 9" in message and "id 1," not in message
    assert "year=2999" in message


def test_the_message_speaks_the_active_language(table):
    insert([(7, 2999, "typo")] + [(100 + n, 3000 + n, "more") for n in range(LISTED_ROWS)])
    with (
        translation.override("ja"),
        pytest.raises(RowsBreakRule) as failure,
        connection.schema_editor() as editor,
    ):
        rule().code(None, editor)
    message = str(failure.value)
    assert f"test_trigger_rowsの既存の行のうち{LISTED_ROWS + 1}件が" in message
    assert "…ほか1件" in message
    assert "もう一度migrateを実行してください。" in message
    assert "id 7, year=2999" in message


def test_a_clean_table_gets_its_rule(table):
    insert([(1, 2019, "fine")])
    with connection.schema_editor() as editor:
        rule().code(None, editor)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        insert([(2, 2999, "late")])
