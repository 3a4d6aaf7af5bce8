"""Table columns defined once and read by the HTML page, the CSV download and the admin export.

CSV downloads stream row by row, so memory stays flat however large the table, and every text
cell is neutralised so that no spreadsheet runs it as a formula.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import get_language, override, pgettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Cells starting with these are run as formulas by Excel, LibreOffice and Google Sheets; with a
# Japanese input method "=" is often typed full-width ("＝"), which Excel reads as a formula too.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
UTF8_BOM = "\ufeff"


@dataclass(frozen=True)
class Column:
    """One column of a public table: its CSV header, its on-screen heading and its cell value.

    A table whose page and CSV differ in shape still defines its columns once: `display` gives
    the on-screen text when it differs from the CSV value ("6 persons" for 6), and a column
    can be CSV-only (`on_screen=False`: "year" and "month" under one "Month & Year" heading) or
    screen-only (`in_csv=False`). `sort` names the `?sort=` key of a sortable column.
    """

    key: str
    label: str
    value: Callable[[Any], Any]
    numeric: bool = False
    display: Callable[[Any], Any] | None = None
    in_csv: bool = True
    on_screen: bool = True
    sort: str = ""
    link: Callable[[Any], str] | None = None
    # The CSV header when it should follow the page's language (the programs table as on
    # screen); otherwise `key`, a stable machine name.
    csv_header: str = ""
    # The value's database path ("program__name_en") when it is a plain field: a CSV of many rows
    # then reads its cells straight from the database (`database_cells`), not from objects.
    field: str = ""
    # For the data dictionary page and the workbook's "Columns" sheet: what a cell holds, and
    # the unit of a number ("persons"), which the workbook's header also states.
    description: str = ""
    unit: str = ""
    # True/False cells (written True and False, which Table Schema's boolean reads).
    boolean: bool = False

    @property
    def data_type(self):
        """The Table Schema type of the CSV cells (/datapackage.json): every number here is a
        count."""
        if self.boolean:
            return "boolean"
        return "integer" if self.numeric else "string"

    def cell(self, row):
        return self.value(row)

    def text(self, row):
        """What the page shows in this column's cell."""
        return (self.display or self.value)(row)

    @property
    def kind(self):
        """The type of the downloaded cells, as the data dictionary names it."""
        if self.boolean:
            return _("True or False")
        return _("Whole number") if self.numeric else _("Text")

    @property
    def heading(self):
        """The workbook's header cell: the CSV name, with the unit where there is one."""
        name = str(self.csv_header or self.key)
        if not self.unit:
            return name
        return pgettext("a column's name and its unit", "%(name)s (%(unit)s)") % {
            "name": name,
            "unit": self.unit,
        }


def csv_columns(columns: list[Column]) -> list[Column]:
    return [column for column in columns if column.in_csv]


def screen_columns(columns: list[Column]) -> list[Column]:
    return [column for column in columns if column.on_screen]


@dataclass(frozen=True)
class Cell:
    """One on-screen cell, ready for a template: its text, alignment and optional link."""

    text: Any
    numeric: bool = False
    url: str = ""


def table_rows(columns: list[Column], rows: Iterable[Any]) -> list[list[Cell]]:
    """The on-screen cells of each row, so a template loops instead of naming columns again."""
    shown = screen_columns(columns)
    return [
        [
            Cell(
                text=column.text(row),
                numeric=column.numeric,
                url=column.link(row) if column.link else "",
            )
            for column in shown
        ]
        for row in rows
    ]


def neutralise(value):
    """Prefix text that a spreadsheet would read as a formula with an apostrophe; numbers pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def database_cells(columns: list[Column], queryset, chunk_size=5000):
    """The CSV cells of each row of `queryset`, read as tuples by the database's `field` paths.

    For large downloads: no model instances and no Python per cell, 100,000 rows in a fraction
    of a second. Every CSV column must name its `field`. Pass to csv_response(cells=True).
    """
    fields = [column.field for column in csv_columns(columns)]
    if not all(fields):
        raise ValueError("database_cells() needs a `field` on every CSV column")
    return queryset.values_list(*fields).iterator(chunk_size=chunk_size)


def csv_rows(columns: list[Column], rows: Iterable[Any], cells=False):
    """Yield the header and then one list of cells per row, text cells neutralised.

    `rows` are objects the columns read, or (`cells=True`) tuples of cells already in column
    order. Numeric columns hold numbers (or None), which no spreadsheet runs; a text value
    that turns up in one is neutralised all the same.
    """
    columns = csv_columns(columns)
    yield [str(column.csv_header or column.key) for column in columns]
    values = [column.value for column in columns]
    for row in rows:
        line = row if cells else [value(row) for value in values]
        # neutralise() inlined, and rows left as they are unless a cell needs it: calling it for
        # every cell made this loop half as slow again (about 25 ms more per 100,000 rows).
        for index, cell in enumerate(line):
            if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
                line = list(line)
                line[index] = "'" + cell
        yield line


# Rows are sent in pieces of about this many bytes: one piece per row meant one socket write
# per row, the main cost of a 100,000-row download.
CSV_CHUNK_BYTES = 64 * 1024
CSV_BATCH_ROWS = 500


def csv_response(request, filename: str, columns: list[Column], rows: Iterable[Any], cells=False):
    """A streamed CSV download; `?bom=1` adds the byte-order mark that Excel needs for UTF-8.

    Rows are pulled from `rows` only as the pieces are sent, so memory stays flat however
    many rows there are (pass a queryset's iterator, not a list). Empty cells (None) are "".
    """

    # The rows are written after the view has returned: in the request's language all the same.
    language = get_language()

    def pieces():
        with override(language):
            yield from _pieces()

    def _pieces():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        if request.GET.get("bom") == "1":
            buffer.write(UTF8_BOM)
        lines = csv_rows(columns, rows, cells=cells)
        while batch := list(islice(lines, CSV_BATCH_ROWS)):
            writer.writerows(batch)
            if buffer.tell() >= CSV_CHUNK_BYTES:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode()

    response = StreamingHttpResponse(pieces(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_cell(value):
    # Control characters are not allowed in a workbook; a CSV keeps them, a workbook drops them.
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def xlsx_response(filename: str, columns: list[Column], rows: Iterable[Any], cells=False):
    """The same table as an Excel workbook, laid out as the Japanese government's rules for
    machine-readable statistical tables ask: one header row naming each column with its unit,
    numbers stored as numbers, blank cells left empty, no merged cells, no title rows. A second
    sheet, "Columns", says what each column holds (the data dictionary page's content).
    Text cells are neutralised as in the CSV (csv_rows), so no cell is read as a formula.
    """
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet(title=str(_("Data")))
    shown = csv_columns(columns)
    lines = csv_rows(columns, rows, cells=cells)
    next(lines)  # the CSV's header: the workbook's names the units too
    data.append([column.heading for column in shown])
    for line in lines:
        data.append([_xlsx_cell(value) for value in line])
    about = workbook.create_sheet(title=str(_("Columns")))
    about.append([str(_("Column")), str(_("Meaning")), str(_("Type")), str(_("Unit"))])
    for column in shown:
        about.append([column.heading, str(column.description), str(column.kind), str(column.unit)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def download_response(request, stem: str, columns, rows, cells=False, workbook=False):
    """A table's download: `stem`.xlsx when `workbook`, else `stem`.csv (`?bom=1`: for Excel)."""
    if workbook:
        return xlsx_response(f"{stem}.xlsx", columns, rows, cells=cells)
    return csv_response(request, f"{stem}.csv", columns, rows, cells=cells)


def download_links(csv_name: str, xlsx_name: str, columns_name: str, query: str = ""):
    """The addresses of one table's downloads, for templates/includes/downloads.html: the CSV,
    the CSV for Excel (with the byte-order mark), the workbook, and the data dictionary."""
    suffix = f"?{query}" if query else ""
    return {
        "csv": reverse(csv_name) + suffix,
        "excel_csv": reverse(csv_name) + (f"?{query}&bom=1" if query else "?bom=1"),
        "xlsx": reverse(xlsx_name) + suffix,
        "columns": reverse(columns_name),
    }
