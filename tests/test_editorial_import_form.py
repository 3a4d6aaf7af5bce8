"""The import page as an editor meets it: a real button label, honest column list, and a file
that need not be chosen again after an error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from programs.models import AnnualFigure

from .builders import make_figure, make_program
from .editorial_helpers import CSV_FORMAT, csv_bytes, statuses

pytestmark = pytest.mark.django_db

IMPORT = "admin:programs_annualfigure_import"
HEADER = ["program", "year", "participants", "countries", "note"]


@pytest.fixture
def forensic(db):
    program = make_program("Forensic Science")
    make_figure(program, year=2019, participants=10, countries=8)
    return program


def post(client, **data):
    return client.post(reverse(IMPORT), {"resource": "0", **data})


def test_the_button_names_what_it_does(staff_client):
    html = staff_client.get(reverse(IMPORT)).content.decode()
    assert 'value="Preview import"' in html
    assert 'value="Submit"' not in html


def test_scheme_is_not_listed_as_imported(staff_client):
    response = staff_client.get(reverse(IMPORT))
    ((_, columns),) = response.context["fields_list"]
    assert columns == ["program", "year", "participants", "countries", "note", "note_ja"]
    ignored = response.context["ignored_columns"]
    assert "scheme" in ignored and "scheme" not in columns
    sentence = (
        f"The columns {', '.join(ignored)} of an export may stay in the file, "
        "but an import ignores them."
    )
    assert sentence in response.content.decode()


def test_the_format_follows_the_file_name_when_not_chosen(staff_client, forensic):
    content = csv_bytes(HEADER, [["Forensic Science", 2020, 12, 9, ""]])
    response = post(staff_client, format="", import_file=SimpleUploadedFile("f.csv", content))
    assert response.status_code == 200
    assert statuses(response) == ["new"]


def test_after_an_error_the_file_is_kept_and_offered_again(staff_client, forensic):
    # A row names a program that does not exist yet: the editor adds it, then imports again.
    content = csv_bytes(HEADER, [["Cybercrime", 2020, 12, 9, ""]])
    first = post(
        staff_client, format=CSV_FORMAT, import_file=SimpleUploadedFile("figures.csv", content)
    )
    assert first.status_code == 200
    kept = first.context["kept_file"]
    assert kept["name"] == "figures.csv"
    html = first.content.decode()
    assert "figures.csv" in html and 'name="kept_file"' in html
    assert 'name="import_file" class="guess_format" required' not in html
    make_program("Cybercrime")
    again = post(staff_client, format=CSV_FORMAT, kept_file=kept["token"])
    assert again.status_code == 200
    assert statuses(again) == ["new"]
    assert "confirm_form" in again.context
    assert not AnnualFigure.objects.filter(year=2020).exists()


def test_a_form_error_keeps_the_file_too(staff_client, forensic):
    content = csv_bytes(HEADER, [["Forensic Science", 2020, 12, 9, ""]])
    # A name that gives no format and no format chosen: the editor must say which.
    first = post(staff_client, format="", import_file=SimpleUploadedFile("figures", content))
    assert first.context["form"].errors
    token = first.context["kept_file"]["token"]
    again = post(staff_client, format=CSV_FORMAT, kept_file=token)
    assert statuses(again) == ["new"]


def test_a_kept_file_is_only_for_whoever_uploaded_it(staff_client, publisher_client, forensic):
    content = csv_bytes(HEADER, [["Forensic Science", 2020, 12, 9, ""]])
    first = post(staff_client, format="", import_file=SimpleUploadedFile("figures", content))
    token = first.context["kept_file"]["token"]
    response = post(publisher_client, format=CSV_FORMAT, kept_file=token)
    assert response.status_code == 200
    assert response.context["form"].errors["import_file"]


def test_a_forged_kept_file_is_a_form_error(staff_client):
    response = post(staff_client, format=CSV_FORMAT, kept_file="../../etc/passwd")
    assert response.status_code == 200
    assert response.context["form"].errors["import_file"]


def test_a_kept_file_is_used_once(staff_client, forensic):
    content = csv_bytes(HEADER, [["Forensic Science", 2020, 12, 9, ""]])
    first = post(staff_client, format="", import_file=SimpleUploadedFile("figures", content))
    token = first.context["kept_file"]["token"]
    assert statuses(post(staff_client, format=CSV_FORMAT, kept_file=token)) == ["new"]
    again = post(staff_client, format=CSV_FORMAT, kept_file=token)
    assert "no longer there" in str(again.context["form"].errors["import_file"])


def test_a_kept_file_waits_in_the_shared_cache_when_imports_use_it(staff_client, forensic):
    content = csv_bytes(HEADER, [["Forensic Science", 2020, 12, 9, ""]])
    storage = "import_export.tmp_storages.CacheStorage"
    with override_settings(IMPORT_EXPORT_TMP_STORAGE_CLASS=storage):
        first = post(staff_client, format="", import_file=SimpleUploadedFile("figures", content))
        token = first.context["kept_file"]["token"]
        assert statuses(post(staff_client, format=CSV_FORMAT, kept_file=token)) == ["new"]
