"""Imports facing hostile or broken files: limits checked early, messages that say what is wrong."""

import pytest
from django.urls import reverse

from editorial import formats as import_formats

from .builders import make_figure, make_program
from .editorial_helpers import CSV_FORMAT, confirm, csv_bytes, problems, upload

pytestmark = pytest.mark.django_db

FIGURES = "programs_annualfigure"
FIGURE_HEADER = ["program", "year", "participants", "countries", "note"]


@pytest.fixture
def forensic(db):
    program = make_program("Forensic Science")
    make_figure(program, year=2019, participants=10, countries=8)
    return program


def form_errors(response):
    return " ".join(response.context["form"].errors.get("import_file", []))


def test_a_header_with_far_more_columns_than_the_import_knows_is_refused_before_the_rows(
    staff_client, forensic, monkeypatch
):
    read = []
    original = import_formats.read_rows

    def counting(header, rows, **kwargs):
        def counted():
            for row in rows:
                read.append(row[0])
                yield row

        return original(header, counted(), **kwargs)

    monkeypatch.setattr(import_formats, "read_rows", counting)
    header = FIGURE_HEADER + [f"extra{n}" for n in range(2000)]
    rows = [["Forensic Science", 2021, 11, 7, ""] + [""] * 2000 for _ in range(50)]
    response = upload(staff_client, FIGURES, csv_bytes(header, rows), "wide.csv")
    assert response.status_code == 200
    message = form_errors(response)
    assert "2005 columns" in message
    assert all(name in message for name in [*FIGURE_HEADER, "scheme"])
    assert read == []
    assert "confirm_form" not in response.context


def test_blank_header_cells_after_the_last_column_do_not_count(staff_client, forensic):
    header = FIGURE_HEADER + [""] * 300
    rows = [["Forensic Science", 2021, 11, 7, ""]]
    response = upload(staff_client, FIGURES, csv_bytes(header, rows), "trailing.csv")
    assert "confirm_form" in response.context, form_errors(response)


def test_a_cell_of_a_million_characters_is_reported_as_too_long(staff_client, forensic):
    content = csv_bytes(FIGURE_HEADER, [["Forensic Science", 2021, 11, 7, "x" * 1_000_000]])
    response = upload(staff_client, FIGURES, content, "long.csv")
    message = form_errors(response)
    assert "UTF-8" not in message
    assert "Line 2 has a cell longer than" in message


def test_a_nul_inside_a_number_is_named(staff_client, forensic):
    content = csv_bytes(FIGURE_HEADER, [["Forensic Science", "20\x0018", 11, 7, ""]])
    response = upload(staff_client, FIGURES, content, "nul.csv")
    [(line, column, message)] = problems(response)
    assert (line, column) == (2, "year")
    assert "invisible control character" in message
    assert "is not a number" not in message


@pytest.mark.parametrize("name", ["gone", "0123456789abcdef0123456789abcdef", "../../etc/passwd"])
def test_confirming_an_upload_that_is_gone_asks_to_upload_again(staff_client, forensic, name):
    content = csv_bytes(FIGURE_HEADER, [["Forensic Science", 2021, 11, 7, ""]])
    preview = upload(staff_client, FIGURES, content, "figures-2021.csv")
    form = preview.context["confirm_form"]
    data = {field: form[field].value() for field in form.fields}
    data["import_file_name"] = name
    response = staff_client.post(reverse(f"admin:{FIGURES}_process_import"), data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse(f"admin:{FIGURES}_import")
    text = response.content.decode()
    assert "The uploaded file is no longer waiting" in text
    assert not forensic.figures.filter(year=2021).exists()


def test_confirming_twice_asks_to_upload_again(staff_client, forensic):
    content = csv_bytes(FIGURE_HEADER, [["Forensic Science", 2021, 11, 7, ""]])
    preview = upload(staff_client, FIGURES, content, "figures-2021.csv", CSV_FORMAT)
    assert confirm(staff_client, FIGURES, preview).status_code == 302
    again = confirm(staff_client, FIGURES, preview)
    assert again.status_code == 302
    assert again["Location"] == reverse(f"admin:{FIGURES}_import")


def test_confirming_after_redis_lost_the_upload_asks_to_upload_again(
    staff_client, forensic, redis_url
):
    from django.core.cache import cache
    from django.test import override_settings

    redis = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url}
    storage = "import_export.tmp_storages.CacheStorage"
    with override_settings(CACHES={"default": redis}, IMPORT_EXPORT_TMP_STORAGE_CLASS=storage):
        content = csv_bytes(FIGURE_HEADER, [["Forensic Science", 2021, 11, 7, ""]])
        preview = upload(staff_client, FIGURES, content, "figures-2021.csv")
        cache.clear()  # as after a Redis restart
        response = confirm(staff_client, FIGURES, preview)
    assert response.status_code == 302
    assert response["Location"] == reverse(f"admin:{FIGURES}_import")
    assert not forensic.figures.filter(year=2021).exists()
