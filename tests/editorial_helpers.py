"""Upload, confirm and export through the admin, as staff do, for the editorial tests."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

CSV_FORMAT, XLSX_FORMAT = "0", "1"


def csv_bytes(header, rows, bom=False):
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + text.getvalue()).encode()


def xlsx_bytes(header, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def upload(client, model, content, filename, file_format=CSV_FORMAT):
    """The preview step: POST the file; returns the response (its context has `preview`)."""
    url = reverse(f"admin:{model}_import")
    upload_file = SimpleUploadedFile(filename, content)
    return client.post(url, {"resource": "0", "format": file_format, "import_file": upload_file})


def confirm(client, model, preview_response):
    """The confirm step, with the hidden fields the preview page carries."""
    form = preview_response.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    return client.post(reverse(f"admin:{model}_process_import"), data)


def problems(response):
    return [(p.line, p.column, p.message) for p in response.context["preview"].problems]


def statuses(response):
    return [row.status for row in response.context["preview"].rows]


def export(client, model, resource_class, file_format=CSV_FORMAT, query=""):
    """The admin export of the list as filtered by `query` ("?year=2019"); returns the response."""
    url = reverse(f"admin:{model}_export") + query
    prefix = resource_class.__name__.lower()
    data = {"resource": "0", "format": file_format}
    for name in resource_class().get_export_order():
        data[f"{prefix}_{name}"] = "on"
    return client.post(url, data)


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def read_xlsx(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
