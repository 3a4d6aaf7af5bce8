"""Provisional years: a scheme's figures for a year marked as not final are marked on the
pages, the downloads and the API, and the headline key figures keep to the latest complete
year until staff confirm it."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from programs.models import ProvisionalYear, live_figures

from .builders import make_figure, make_program, make_scheme

pytestmark = pytest.mark.django_db

FOOTNOTE = "the figures for a year marked * are not final yet"


@pytest.fixture
def figures(db):
    scheme = make_scheme("Police-run programs")
    program = make_program("Forensic Science", scheme=scheme)
    make_figure(program, year=2019, participants=10, countries=5)
    make_figure(program, year=2020, participants=3, countries=2)
    return scheme, program


@pytest.fixture
def provisional_2020(figures):
    scheme, _program = figures
    return ProvisionalYear.objects.create(scheme=scheme, year=2020)


def download(client, name, **params):
    response = client.get(reverse(name), params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig")


def csv_rows(client, name, **params):
    return list(csv.DictReader(io.StringIO(download(client, name, **params))))


def test_one_mark_per_scheme_and_year(provisional_2020):
    duplicate = ProvisionalYear(scheme=provisional_2020.scheme, year=2020)
    with pytest.raises(ValidationError, match="already marked provisional"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_year_out_of_range_is_refused(figures):
    with pytest.raises(ValidationError) as error:
        ProvisionalYear(scheme=figures[0], year=1900).full_clean()
    assert "year" in error.value.message_dict


def test_the_programs_table_marks_a_provisional_year_with_a_footnote(client, provisional_2020):
    page = client.get(reverse("programs:index")).content.decode()
    assert 'class="year-group">2020<span class="provisional-mark" aria-hidden="true">*' in page
    assert 'class="year-group">2019</th>' in page
    assert FOOTNOTE in page


def test_no_mark_and_no_footnote_without_provisional_years(client, figures):
    page = client.get(reverse("programs:index")).content.decode()
    assert "provisional-mark" not in page
    assert FOOTNOTE not in page


def test_the_program_page_marks_the_year(client, provisional_2020, figures):
    page = client.get(figures[1].get_absolute_url()).content.decode()
    assert '2020<span class="provisional-mark"' in page
    assert FOOTNOTE in page


def test_the_japanese_pages_mark_it_too(client, provisional_2020):
    with_mark = client.get(reverse("programs:index").replace("/en/", "/ja/")).content.decode()
    assert "（速報値）" in with_mark
    assert "＊印の年の数値は速報値であり" in with_mark


def test_the_tidy_csv_has_a_provisional_column(client, provisional_2020):
    rows = csv_rows(client, "programs:figures_csv")
    assert [(row["year"], row["provisional"]) for row in rows] == [
        ("2019", "False"),
        ("2020", "True"),
    ]


def test_the_table_csv_marks_the_provisional_year_in_its_headers(client, provisional_2020):
    header = next(csv.reader(io.StringIO(download(client, "programs:table_csv"))))
    assert header[1:] == [
        "2019 participants",
        "2019 countries",
        "2020 participants (provisional)",
        "2020 countries (provisional)",
    ]


def test_the_japanese_table_csv_marks_it_in_japanese(client, provisional_2020):
    url = reverse("programs:table_csv").replace("/en/", "/ja/")
    body = b"".join(client.get(url).streaming_content).decode()
    assert "2020年 参加人数（速報値）" in body.splitlines()[0]


def test_the_workbooks_mark_it_too(client, provisional_2020):
    table = load_workbook(io.BytesIO(client.get(reverse("programs:table_xlsx")).content))
    headers = [cell.value for cell in next(table.worksheets[0].iter_rows())]
    assert any("2020 participants (provisional)" in header for header in headers)
    tidy = load_workbook(io.BytesIO(client.get(reverse("programs:figures_xlsx")).content))
    rows = list(tidy.worksheets[0].iter_rows(values_only=True))
    column = rows[0].index("provisional")
    assert [row[column] for row in rows[1:]] == [False, True]


def test_the_api_says_which_figures_are_provisional(client, provisional_2020, figures):
    rows = client.get(reverse("api:figures")).json()["results"]
    assert [(row["year"], row["provisional"]) for row in rows] == [(2019, False), (2020, True)]
    detail = client.get(reverse("api:program_detail", args=[figures[1].slug])).json()
    assert [figure["provisional"] for figure in detail["figures"]] == [False, True]


def test_key_figures_use_the_latest_complete_year_until_confirmed(provisional_2020):
    figures = live_figures()
    assert figures["latest_year"] == 2019
    assert figures["participants_latest_year"] == 10
    assert figures["programs_latest_year"] == 1
    provisional_2020.delete()  # staff confirm the year
    figures = live_figures()
    assert (figures["latest_year"], figures["participants_latest_year"]) == (2020, 3)


def test_the_home_page_headline_keeps_to_the_complete_year(client, provisional_2020):
    from core.figures import LiveFigures

    assert LiveFigures().resolve("programs.latest_year") == 2019


def test_marking_and_confirming_are_in_the_history(client, figures, editor, publisher):
    from .conftest import signed_in

    scheme, _program = figures
    as_editor = signed_in(editor)
    response = as_editor.post(
        reverse("admin:programs_provisionalyear_add"), {"scheme": scheme.pk, "year": 2020}
    )
    assert response.status_code == 302
    mark = ProvisionalYear.objects.get()
    delete_url = reverse("admin:programs_provisionalyear_delete", args=[mark.pk])
    assert as_editor.post(delete_url, {"post": "yes"}).status_code == 403
    assert signed_in(publisher).post(delete_url, {"post": "yes"}).status_code == 302
    assert not ProvisionalYear.objects.exists()
    kinds = list(
        ProvisionalYear.history.order_by("history_date").values_list(
            "history_type", "history_user__username"
        )
    )
    assert kinds == [("+", "editor"), ("-", "publisher")]
