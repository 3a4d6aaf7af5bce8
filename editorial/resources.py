"""The shared rules of every spreadsheet import and export (django-import-export resources).

A partner's spreadsheet is read cell by cell through widgets that say what is wrong in words a
person understands ("“20x1” is not a whole number"), the whole file is checked before anything
is written, and every exported text cell is neutralised exactly like the public CSV downloads.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django_countries import countries
from django_countries.fields import CountryField
from import_export import fields, resources, widgets
from import_export.resources import Diff
from import_export.results import Error, RowResult

from core.i18n import SOURCE_LANGUAGE
from core.tables import FORMULA_PREFIXES, neutralise

# C0 control characters other than tab, line feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Spreadsheets of this portal have dozens of rows a year; anything far larger is a wrong file.
MAX_IMPORT_ROWS = 5000


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def same_text(first, second):
    """Equal but for line endings: the admin stores a typed line break as CR LF, while a
    workbook, and a CSV file read back, give LF."""

    def lines(text):
        return text.replace("\r\n", "\n").replace("\r", "\n")

    return lines(first) == lines(second)


class TextWidget(widgets.Widget):
    """Text cells, trimmed; the apostrophe our exports put before "=", "+"... is taken off again."""

    def __init__(self):
        super().__init__(coerce_to_string=False)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return ""
        # Control characters (from a CSV file) are invisible and no workbook can hold them.
        text = CONTROL_CHARACTERS.sub("", str(value)).strip()
        # An Excel workbook keeps a carriage return as a line feed.
        if text.startswith("'") and text[1:].startswith((*FORMULA_PREFIXES, "\n")):
            text = text[1:]
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class WholeNumberWidget(widgets.Widget):
    """A whole number; a blank cell is refused when `required`, else read as "not stated"."""

    def __init__(self, required=True):
        super().__init__(coerce_to_string=False)
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            if self.required:
                raise ValueError(_("This cell is empty; a number is required."))
            return None
        if CONTROL_CHARACTERS.search(str(value)):
            raise ValueError(
                _(
                    "“%(value)s” holds an invisible control character, so it cannot be read as "
                    "a number. Type the number again in this cell."
                )
                % {"value": CONTROL_CHARACTERS.sub("", str(value))}
            )
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from None
        if number != number.to_integral_value():
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return value


class ChoiceWidget(widgets.Widget):
    """A choice given by its stored value ("earthquake") or its label ("Earthquake")."""

    def __init__(self, choices):
        super().__init__(coerce_to_string=False)
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            raise ValueError(_("This cell is empty; a value is required."))
        text = str(value).strip().casefold()
        for stored, label in self.choices:
            if text in (str(stored).casefold(), str(label).casefold()):
                return stored
        raise ValueError(
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(str(label) for _, label in self.choices)}
        )

    def render(self, value, obj=None, **kwargs):
        return value


class CountryWidget(widgets.Widget):
    """A country by ISO code ("TR", "TUR") or English name ("Türkiye", also the older "Turkey")."""

    def __init__(self, required=True):
        super().__init__(coerce_to_string=False)
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            if self.required:
                raise ValueError(_("This cell is empty; a country is required."))
            return ""
        text = str(value).strip()
        code = countries.alpha2(text) or countries.by_name(text)
        if not code:
            raise ValueError(
                _(
                    "Unknown country “%(value)s”: give an ISO code such as TR or an English "
                    "name such as Türkiye."
                )
                % {"value": text}
            )
        return code

    def render(self, value, obj=None, **kwargs):
        return getattr(value, "code", value) or ""


class ValueDiff(Diff):
    """Keeps each cell as (old, new) so the preview can show "old -> new" for changed rows."""

    def as_html(self):
        return [
            {
                "old": "" if self.new else old,
                "new": new,
                "changed": not self.new and old != new,
            }
            for old, new in zip(self.left, self.right, strict=False)
        ]


def widget_for(model_field):
    """The widget that reads and writes a model field's cells, chosen by the field itself."""
    if isinstance(model_field, CountryField):
        return CountryWidget(required=not model_field.blank)
    if isinstance(model_field, models.IntegerField):
        return WholeNumberWidget(required=not model_field.null)
    if model_field.choices:
        return ChoiceWidget(model_field.choices)
    return TextWidget()


def column_name(field_name, django_field):
    """A file's column for a model field: its name, but `summary` for the English `summary_en`.

    A text kept in both languages has two columns; the English one keeps the name it had before
    the Japanese column existed, so older files still import. The Japanese one is `summary_ja`.
    """
    if getattr(django_field, "_translated_field_language_code", "") == SOURCE_LANGUAGE:
        return field_name.removesuffix(f"_{SOURCE_LANGUAGE}")
    return field_name


class EditorialResource(resources.ModelResource):
    """Base of the admin's resources: all-or-nothing checks, duplicates, history, safe export.

    Subclasses list the file's columns in `Meta.fields`, each named after its model field; the
    widget of each follows the model field's definition (`widget_for`), so a column is not
    described a second time. They also set `required_columns` (the header cells a file must
    have) and `row_key` (the model attributes identifying a row, used to find the same row
    twice in one file).
    """

    required_columns = ()
    row_key = ()

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        return fields.Field(
            attribute=field_name,
            column_name=column_name(field_name, django_field),
            widget=widget_for(django_field),
            readonly=readonly,
        )

    def get_diff_class(self):
        return ValueDiff

    def column_label(self, attribute):
        """The file's column heading for a model attribute, for error messages."""
        for field in self.get_import_fields():
            if field.attribute == attribute:
                return field.column_name
        return attribute

    def import_data(self, dataset, *args, **kwargs):
        # The file's line of each row, when the reader kept them (editorial.formats).
        self.source_lines = getattr(dataset, "source_lines", None)
        if len(dataset) > MAX_IMPORT_ROWS:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            message = _(
                "The file has %(rows)d rows; at most %(limit)d can be imported at once. "
                "Split it into smaller files."
            ) % {"rows": len(dataset), "limit": MAX_IMPORT_ROWS}
            result.append_base_error(Error(ValueError(message)))
        else:
            result = super().import_data(dataset, *args, **kwargs)
        result.source_lines = self.source_lines
        return result

    def line(self, row_number):
        return file_line(row_number, getattr(self, "source_lines", None))

    def import_row(self, row, instance_loader, **kwargs):
        """An empty row between data rows is passed over, not reported as missing cells."""
        if any(not is_blank(value) for value in row.values()):
            return super().import_row(row, instance_loader, **kwargs)
        row_result = self.get_row_result_class()()
        row_result.import_type = RowResult.IMPORT_TYPE_SKIP
        row_result.blank = True
        return row_result

    def before_import(self, dataset, **kwargs):
        # Header cells typed by hand often carry stray spaces or capitals ("Year ").
        dataset.headers = [str(header or "").strip().lower() for header in dataset.headers]
        missing = [name for name in self.required_columns if name not in dataset.headers]
        if missing:
            raise ValueError(
                _(
                    "The file has no %(columns)s column. "
                    "The first row must name the columns: %(all)s."
                )
                % {
                    "columns": ", ".join(f"“{name}”" for name in missing),
                    "all": ", ".join(self.get_diff_headers()),
                }
            )
        self._rows_seen = {}

    def get_instance(self, instance_loader, row):
        # A cell that cannot be read (unknown program, "20x1") makes the row new here; the
        # same cell is then reported, with its message, by import_instance().
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        self._check_duplicate(instance, errors, kwargs.get("row_number"))
        if errors:
            raise ValidationError(errors)

    def _check_duplicate(self, instance, errors, row_number):
        key_attributes = {name.removesuffix("_id") for name in self.row_key}
        if not self.row_key or row_number is None or errors.keys() & key_attributes:
            return
        # Countries are Country objects; compare their codes.
        key = tuple(
            getattr(getattr(instance, name), "code", getattr(instance, name))
            for name in self.row_key
        )
        if any(part in (None, "") for part in key):
            return
        first = self._rows_seen.setdefault(key, row_number)
        if first != row_number:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("Duplicate row in the file: line %(line)d has the same %(columns)s.")
                % {
                    "line": self.line(first),
                    "columns": _(" and ").join(
                        self.column_label(name.removesuffix("_id")) for name in self.row_key
                    ),
                }
            )

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if not isinstance(field.widget, TextWidget):
            return super().import_field(field, instance, row, is_m2m, **kwargs)
        current = getattr(instance, field.attribute, None)
        super().import_field(field, instance, row, is_m2m, **kwargs)
        # Text that differs only in its line endings is the same text: keep it unchanged.
        if isinstance(current, str) and same_text(current, getattr(instance, field.attribute)):
            setattr(instance, field.attribute, current)

    def before_save_instance(self, instance, row, **kwargs):
        file_name = kwargs.get("file_name")
        if file_name:
            instance._change_reason = _("imported from %(file)s") % {"file": file_name}

    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))


def file_line(row_number, source_lines=None):
    """The file's line of data row `row_number` (1 = the first row under the header).

    `source_lines` are the lines the reader recorded; without them, one line per row.
    """
    if source_lines and 0 < row_number <= len(source_lines):
        return source_lines[row_number - 1]
    return row_number + 1
