"""Table columns defined once and read by the HTML page, the CSV download and the admin export.

CSV downloads stream row by row, so memory stays flat however large the table, and every text
cell is neutralised so that no spreadsheet runs it as a formula.
"""

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import StreamingHttpResponse

# Cells starting with these are run as formulas by Excel, LibreOffice and Google Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"


@dataclass(frozen=True)
class Column:
    """One column of a public table: its CSV header, its on-screen heading and its cell value."""

    key: str
    label: str
    value: Callable[[Any], Any]
    numeric: bool = False

    def cell(self, row):
        return self.value(row)


def neutralise(value):
    """Prefix text that a spreadsheet would read as a formula with an apostrophe; numbers pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_rows(columns: list[Column], rows: Iterable[Any]):
    """Yield the header and then one list of neutralised cells per row."""
    yield [column.key for column in columns]
    for row in rows:
        yield [neutralise(column.cell(row)) for column in columns]


class _Echo:
    """A file-like object whose write() hands the line back, so csv.writer can stream."""

    def write(self, value):
        return value


def csv_response(request, filename: str, columns: list[Column], rows: Iterable[Any]):
    """A streamed CSV download; `?bom=1` adds the byte-order mark that Excel needs for UTF-8."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")

    def lines():
        if request.GET.get("bom") == "1":
            yield UTF8_BOM
        for cells in csv_rows(columns, rows):
            yield writer.writerow(["" if cell is None else cell for cell in cells])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
