"""Spreadsheet import and export in the admin: preview first, then all rows or none.

Built on django-import-export's ImportExportMixin. What it adds: a size limit, the rule that a
file with any bad row writes nothing (also at the confirm step, should the data have changed
in between), a preview that names every row new / changed / unchanged / error with old -> new
values, and export permissions that follow the roles.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, BadRequest, FieldError, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV
from import_export.forms import ExportForm, ImportForm
from import_export.results import RowResult

from . import formats as file_formats
from .resources import file_line

MAX_UPLOAD_BYTES = 5 * 1024 * 1024

STATUS_LABELS = {
    RowResult.IMPORT_TYPE_NEW: gettext_lazy("New"),
    RowResult.IMPORT_TYPE_UPDATE: gettext_lazy("Changed"),
    RowResult.IMPORT_TYPE_SKIP: gettext_lazy("Unchanged"),
    RowResult.IMPORT_TYPE_INVALID: gettext_lazy("Error"),
    RowResult.IMPORT_TYPE_ERROR: gettext_lazy("Error"),
}


KEPT_FILE_SALT = "editorial.imports.kept"
KEPT_FILE_MAX_AGE = 24 * 60 * 60


class UploadGone(Exception):
    """The file uploaded for the preview is no longer stored (see WaitingUploads)."""


class WaitingUploads:
    """Where an upload waits between preview and confirm: the configured storage, read so that
    a missing file (or a name that is not one of ours) raises UploadGone."""

    def __init__(self, storage_class):
        self.storage_class = storage_class

    def __call__(self, **kwargs):
        storage = self.storage_class(**kwargs)
        read = storage.read

        def read_or_gone():
            try:
                data = read()
            except (FileNotFoundError, IsADirectoryError, PermissionError) as error:
                raise UploadGone from error
            if data is None:  # CacheStorage: expired, evicted, or never there
                raise UploadGone
            return data

        storage.read = read_or_gone
        return storage


class LimitedImportForm(ImportForm):
    """The upload step, refusing files too large to be a real figures sheet. The format may be
    left unchosen when the file's name ends in one (.csv, .xlsx)."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats
        self.fields["format"].required = False
        self.fields["format"].help_text = gettext_lazy(
            "Leave it unchosen to go by the file's name (.csv or .xlsx)."
        )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        if cleaned.get("format") or upload is None or self.has_error("format"):
            return cleaned
        extension = Path(upload.name).suffix.lower().lstrip(".")
        for index, file_format in enumerate(self.formats):
            if file_format().get_extension() == extension:
                cleaned["format"] = str(index)
                return cleaned
        self.add_error(
            "format",
            _("Choose the file's format: its name does not say (it does not end in %(ends)s).")
            % {"ends": ", ".join(f".{f().get_extension()}" for f in self.formats)},
        )
        return cleaned

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("This file is %(size)s; files up to %(limit)s can be imported.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAX_UPLOAD_BYTES),
                },
                code="too_large",
            )
        return upload


@dataclass
class RowProblem:
    line: int
    column: str
    message: str


@dataclass
class PreviewRow:
    line: int
    status: str
    label: str
    cells: list = field(default_factory=list)


@dataclass
class ImportPreview:
    """What the preview page shows: counts, every problem, every row."""

    headers: list
    rows: list
    problems: list
    file_errors: list

    @property
    def counts(self):
        counts = dict.fromkeys(("new", "changed", "unchanged", "error", "blank"), 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts


def build_preview(result, resource):
    """An ImportPreview from a django-import-export Result (one RowResult per data row)."""
    status_names = {
        RowResult.IMPORT_TYPE_NEW: "new",
        RowResult.IMPORT_TYPE_UPDATE: "changed",
        RowResult.IMPORT_TYPE_SKIP: "unchanged",
    }
    invalid = {row.number: row for row in result.invalid_rows}
    source_lines = getattr(result, "source_lines", None)
    rows, problems = [], []
    for number, row_result in enumerate(result.rows, 1):
        line = file_line(number, source_lines)
        status = status_names.get(row_result.import_type, "error")
        label = STATUS_LABELS.get(row_result.import_type, STATUS_LABELS["error"])
        if getattr(row_result, "blank", False):
            rows.append(PreviewRow(line, "blank", _("Empty line, passed over")))
            continue
        if number in invalid:
            # django-import-export writes "---" for a column the file does not have.
            cells = [{"new": "" if value == "---" else value} for value in invalid[number].values]
            for attribute, messages_ in invalid[number].error_dict.items():
                column = (
                    _("whole row")
                    if attribute == NON_FIELD_ERRORS
                    else resource.column_label(attribute)
                )
                problems += [RowProblem(line, column, message) for message in messages_]
        elif row_result.errors:
            cells = []
            problems += [
                RowProblem(line, _("whole row"), str(error.error)) for error in row_result.errors
            ]
        else:
            cells = row_result.diff or []
        if status == "changed" and not any(cell.get("changed") for cell in cells):
            status, label = "unchanged", STATUS_LABELS[RowResult.IMPORT_TYPE_SKIP]
        rows.append(PreviewRow(line, status, label, cells))
    return ImportPreview(
        headers=result.diff_headers,
        rows=rows,
        problems=problems,
        file_errors=[str(error.error) for error in result.base_errors],
    )


def imported_fields(resource):
    return [f for f in resource.get_import_fields() if not f.readonly]


class EditorialImportExportMixin(ImportExportMixin):
    """Import (CSV, XLSX) with a full preview and all-or-nothing writes; filtered export."""

    import_form_class = LimitedImportForm
    import_template_name = "admin/editorial/import.html"
    # Readers that keep line numbers and stop at the row limit (see editorial.formats).
    import_formats = [file_formats.CSV, file_formats.XLSX]
    export_formats = [CSV, file_formats.XLSX]
    import_error_display = ("message",)
    skip_admin_log = False
    # Every column, always: an export is meant to be edited and imported again. (The stock
    # column picker also relies on an inline script, which the Content Security Policy blocks.)
    export_form_class = ExportForm

    def get_tmp_storage_class(self):
        return WaitingUploads(super().get_tmp_storage_class())

    def get_import_formats(self):
        """The readers, each refusing a file with more columns than this import knows."""
        columns = [
            field.column_name
            for resource_class in self.resource_classes
            for field in resource_class.fields.values()
        ]
        return [
            file_format.for_columns(columns) if hasattr(file_format, "for_columns") else file_format
            for file_format in super().get_import_formats()
        ]

    def has_import_permission(self, request):
        # An import adds and changes rows, so it needs both rights; never delete.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_export_queryset(self, request):
        """The list's rows as filtered; a filter in the address that makes no sense is a 400."""
        try:
            return super().get_export_queryset(request)
        except (IncorrectLookupParameters, FieldError, ValidationError, ValueError) as error:
            raise BadRequest(_("The list's filters in this address are not valid.")) from error

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, file_formats.FileProblem):
            form.add_error("import_file", str(e))
            return
        form.add_error(
            "import_file",
            _(
                "This file could not be read as the chosen format. A CSV file must be saved "
                "as UTF-8 (in Excel: “CSV UTF-8”); otherwise save it as an Excel workbook "
                "(.xlsx) and choose xlsx."
            ),
        )

    def process_import(self, request, **kwargs):
        """The confirm step; an upload no longer waiting (expired, Redis restarted, a name
        made up) sends the user back to upload it again, instead of an error page."""
        try:
            return super().process_import(request, **kwargs)
        except UploadGone:
            self.message_user(
                request,
                _(
                    "The uploaded file is no longer waiting to be imported (it is kept for a "
                    "limited time), so nothing was imported. Upload it again."
                ),
                messages.ERROR,
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")

    def _import_resource(self, request):
        return self.get_import_resource_classes(request)[0](
            **self.get_import_resource_kwargs(request)
        )

    # After an error (a row naming a program not entered yet, say) the uploaded file is kept
    # in the import's temporary storage (Redis when app servers share it), and the page
    # carries a signed token naming it and its owner, so the editor need not choose it again.

    def keep_upload(self, upload, user):
        """Store the upload; returns the token that names it for this user."""
        storage = self.get_tmp_storage_class()(
            read_mode="rb", **self.get_tmp_storage_class_kwargs()
        )
        storage.save(b"".join(upload.chunks()))
        kept = {"file": storage.name, "name": upload.name, "user": user.pk}
        return signing.dumps(kept, salt=KEPT_FILE_SALT)

    def kept_upload(self, token, user):
        """The kept upload the token names, as a new upload (taken out of the storage), or
        None when it is not, or no longer, there for this user."""
        try:
            kept = signing.loads(token, salt=KEPT_FILE_SALT, max_age=KEPT_FILE_MAX_AGE)
        except signing.BadSignature:
            return None
        if kept.get("user") != user.pk:
            return None
        storage = self.get_tmp_storage_class()(
            name=kept["file"], read_mode="rb", **self.get_tmp_storage_class_kwargs()
        )
        try:
            data = storage.read()
            storage.remove()
        except (OSError, UploadGone):  # used already, expired, or evicted
            return None
        if data is None:
            return None
        return SimpleUploadedFile(kept["name"], data)

    def get_import_form_kwargs(self, request):
        """Without a new file, the kept one the page offers (see keep_upload)."""
        kwargs = super().get_import_form_kwargs(request)
        token = request.POST.get("kept_file")
        if request.method == "POST" and token and "import_file" not in request.FILES:
            kept = self.kept_upload(token, request.user)
            if kept is None:
                request.kept_file_refused = True
            else:
                kwargs["files"] = MultiValueDict({"import_file": [kept]})
        return kwargs

    def create_import_form(self, request):
        form = super().create_import_form(request)
        if getattr(request, "kept_file_refused", False):
            form.add_error(
                "import_file",
                _("The file kept from your last try is no longer there. Choose it again."),
            )
        return form

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        if context is None:
            return response
        resource = self._import_resource(request)
        # Read-only columns (a figure's scheme) are in every export, but an import skips them.
        context["fields_list"] = [
            (resource.get_display_name(), [f.column_name for f in imported_fields(resource)])
        ]
        context["ignored_columns"] = [
            f.column_name for f in resource.get_import_fields() if f.readonly
        ]
        if context.get("result") is not None:
            context["preview"] = build_preview(context["result"], resource)
        form = context.get("form")
        failed = (form is not None and form.errors) or (
            context.get("result") is not None and "confirm_form" not in context
        )
        upload = form.files.get("import_file") if form is not None and form.files else None
        if failed and upload is not None and upload.size <= MAX_UPLOAD_BYTES:
            context["kept_file"] = {
                "name": upload.name,
                "token": self.keep_upload(upload, request.user),
            }
            # The browser may send the form without a new file now.
            form.use_required_attribute = False
        return response

    def process_result(self, result, request):
        """After confirm: a failure anywhere (data changed since the preview) writes nothing."""
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        self.message_user(
            request,
            _("Nothing was imported: some rows are no longer valid. Correct them and try again."),
            messages.ERROR,
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import"),
            "opts": self.opts,
            "form": self.import_form_class(
                self.get_import_formats(), self.get_import_resource_classes(request)
            ),
            "result": result,
            "preview": build_preview(result, self._import_resource(request)),
            "import_error_display": self.import_error_display,
        }
        return TemplateResponse(request, [self.import_template_name], context)

    def add_success_message(self, result, request):
        totals = result.totals
        self.message_user(
            request,
            _(
                "Import finished: %(new)d new, %(changed)d changed, %(unchanged)d unchanged "
                "%(things)s."
            )
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "changed": totals[RowResult.IMPORT_TYPE_UPDATE],
                "unchanged": totals[RowResult.IMPORT_TYPE_SKIP],
                "things": self.opts.verbose_name_plural,
            },
            messages.SUCCESS,
        )
