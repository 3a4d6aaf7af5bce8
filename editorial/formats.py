"""Reading an uploaded CSV file or Excel workbook into rows, for the admin's imports.

django-import-export's own readers lose track of where a row was in the file (a CSV reader drops
empty lines, and a cell typed on two lines spans two lines of the file) and read a whole sheet
before anything can be said about its size. These keep each row's line number for the preview's
messages, stop as soon as a file has more rows than may be imported (a 5 MB workbook can hold
hundreds of thousands of rows, and parsing them all takes close to a minute), and leave out the
empty rows below the data that spreadsheet programs often save.

The workbook format also writes the admin's XLSX exports, replacing the control characters a
workbook cannot hold (which would otherwise make the whole export fail).
"""

import csv
import io
import zipfile

import tablib
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from . import resources

# A workbook is a zip archive: 5 MB of it can unpack to hundreds of MB of XML, which would take
# minutes to read. A real sheet of 5,000 rows unpacks to a few MB.
MAX_UNPACKED_BYTES = 25 * 1024 * 1024


class FileProblem(ValueError):
    """A file that cannot be imported as a whole, with a message for the person uploading."""


def is_blank_row(values):
    return all(resources.is_blank(value) for value in values)


def read_rows(header, rows, known_columns=None):
    """A Dataset from the header cells and (line number, cells) pairs.

    The Dataset carries `source_lines`: the file's line number for each data row. Empty rows
    between data rows are kept (the import skips them); empty rows after the last one are not.
    A header naming more columns than `known_columns` (the import's own) is refused before any
    row is read: 100,000 columns times a few hundred rows would fill a worker's memory.
    """
    limit = resources.MAX_IMPORT_ROWS
    header = list(header or [])
    while header and resources.is_blank(header[-1]):
        header.pop()  # blank cells right of the last heading, as spreadsheets save them
    if known_columns is not None and len(header) > len(known_columns):
        raise FileProblem(
            _(
                "The first row names %(count)d columns, more than this import knows. "
                "Keep only these columns and upload the file again: %(columns)s."
            )
            % {"count": len(header), "columns": ", ".join(known_columns)}
        )
    dataset = tablib.Dataset()
    dataset.headers = header
    width = len(dataset.headers)
    source_lines, pending_blank = [], []
    for line, values in rows:
        values = list(values)
        if is_blank_row(values):
            pending_blank.append(line)
            if len(pending_blank) > limit:
                break  # a sheet formatted far below its data: nothing more to read
            continue
        if len(values) > width and not is_blank_row(values[width:]):
            raise FileProblem(
                _("Line %(line)d has more cells than the first row has column names.")
                % {"line": line}
            )
        for blank_line in pending_blank:
            dataset.append([""] * width)
            source_lines.append(blank_line)
        pending_blank = []
        dataset.append((values + [""] * width)[:width])
        source_lines.append(line)
        if len(dataset) > limit:
            raise FileProblem(
                _(
                    "The file has more than %(limit)d rows; at most %(limit)d can be imported "
                    "at once. Split it into smaller files."
                )
                % {"limit": limit}
            )
    dataset.source_lines = source_lines
    return dataset


class LimitedColumns:
    """A reader that knows the import's columns (None: any number of columns)."""

    known_columns = None

    @classmethod
    def for_columns(cls, columns):
        """This format, for an import that reads these columns."""
        return type(cls.__name__, (cls,), {"known_columns": tuple(columns)})


def too_long_cell(line):
    return FileProblem(
        _(
            "Line %(line)d has a cell longer than %(limit)s characters, far longer than any "
            "cell of an import. Check that this is the right file."
        )
        % {"line": line, "limit": f"{csv.field_size_limit():,}"}
    )


class CSV(LimitedColumns, base_formats.CSV):
    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        reader = csv.reader(io.StringIO(in_stream.removeprefix("\ufeff"), newline=""))

        def numbered():
            first_line = reader.line_num + 1
            while True:
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    # Python's reader stops at cells over csv.field_size_limit() characters.
                    if "field limit" in str(error):
                        raise too_long_cell(first_line) from error
                    raise
                yield first_line, values
                first_line = reader.line_num + 1

        lines = numbered()
        header = next(lines, (1, None))[1]
        return read_rows(header, lines, known_columns=self.known_columns)


class XLSX(LimitedColumns, base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        safe = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            safe.append(
                [
                    ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", cell)
                    if isinstance(cell, str)
                    else cell
                    for cell in row
                ]
            )
        return super().export_data(safe, **kwargs)

    def create_dataset(self, in_stream):
        import openpyxl

        with zipfile.ZipFile(io.BytesIO(in_stream)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise FileProblem(
                _(
                    "This workbook holds far more than a figures sheet (%(size)d MB unpacked). "
                    "Import at most %(limit)d rows at a time, from one sheet."
                )
                % {"size": unpacked // (1024 * 1024), "limit": resources.MAX_IMPORT_ROWS}
            )
        # read_only streams the sheet; data_only reads a formula cell's value, not its formula.
        workbook = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        try:
            rows = workbook.active.iter_rows(values_only=True)
            header = next(rows, None)
            return read_rows(header, enumerate(rows, 2), known_columns=self.known_columns)
        finally:
            workbook.close()
