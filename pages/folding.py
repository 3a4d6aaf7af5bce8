"""Accent- and case-insensitive matching that gives the same answer on SQLite and PostgreSQL.

`fold()` maps every accented Latin letter to its plain lower-case letter ("Türkiye" ->
"turkiye", "Kahramanmaraş" -> "kahramanmaras") and lower-cases the rest. `Folded(expression)`
does the same in the database, from the same table: PostgreSQL with TRANSLATE() and LOWER()
(no extension such as unaccent to install), SQLite with a function registered on each new
connection (`register_sqlite_function`), since SQLite has no TRANSLATE(). A search then
compares folded text with folded text.
"""

import unicodedata

from django.db.models import CharField, Func

# Letters that do not decompose into a base letter and an accent.
EXTRA = {"ı": "i", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ħ": "h", "Ħ": "h"}


def _fold_table():
    table = dict(EXTRA)
    for point in range(0x00C0, 0x0250):
        char = chr(point)
        base = unicodedata.normalize("NFKD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            table[char] = base.lower()
    return table


FOLD_TABLE = _fold_table()
_TRANSLATION = str.maketrans(FOLD_TABLE)
_FROM = "".join(FOLD_TABLE)
_TO = "".join(FOLD_TABLE.values())


def fold(text):
    return text.translate(_TRANSLATION).lower()


class Folded(Func):
    """The folded text of an expression, for `Contains(Folded("title"), fold(term))`."""

    function = "npa_fold"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template=f"LOWER(TRANSLATE(%(expressions)s, '{_FROM}', '{_TO}'))",
            **extra_context,
        )


def register_sqlite_function(sender, connection, **kwargs):
    """connection_created receiver: teach each SQLite connection npa_fold()."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "npa_fold", 1, lambda text: None if text is None else fold(text), deterministic=True
        )
