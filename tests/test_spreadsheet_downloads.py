"""Spreadsheet users: next to every CSV, a CSV for Excel (UTF-8 with BOM) and an .xlsx workbook
laid out as machine-readable statistics (one header row with units, numbers as numbers, no merged
cells), and a data dictionary page per table, all from the tables' one Column definition."""

import io
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.tables import csv_columns
from deployments import sample_data as deployments_sample
from deployments.tables import DEPLOYMENT_COLUMNS, DISPATCH_COLUMNS
from pages import sample_data as pages_sample
from programs import sample_data as programs_sample
from programs.tables import FIGURE_COLUMNS, WIDE_TABLE_DICTIONARY

pytestmark = pytest.mark.django_db

INSTALL = "apt-get install -y libreoffice-calc-nogui"

# (page, its CSV, its workbook, its data dictionary, the table's columns)
TABLES = [
    ("/en/programs/", "programs:figures_csv", "programs:figures_xlsx", "programs:figures_columns",
     FIGURE_COLUMNS),
    ("/en/programs/", "programs:table_csv", "programs:table_xlsx", "programs:table_columns",
     WIDE_TABLE_DICTIONARY),
    ("/en/deployments/disaster-relief/", "deployments:disaster_relief_csv",
     "deployments:disaster_relief_xlsx", "deployments:disaster_relief_columns",
     DEPLOYMENT_COLUMNS),
    ("/en/deployments/expert-dispatches/", "deployments:expert_dispatches_csv",
     "deployments:expert_dispatches_xlsx", "deployments:expert_dispatches_columns",
     DISPATCH_COLUMNS),
]  # fmt: skip


@pytest.fixture
def sample(db):
    programs_sample.load()
    deployments_sample.load()
    pages_sample.load()


def hrefs(html):
    return set(re.findall(r'href="([^"]+)"', html.replace("&amp;", "&")))


@pytest.mark.parametrize(("page", "csv", "xlsx", "columns", "_"), TABLES)
def test_every_csv_link_has_an_excel_csv_a_workbook_and_a_dictionary_beside_it(
    client, sample, page, csv, xlsx, columns, _
):
    links = hrefs(client.get(page).content.decode())
    assert reverse(csv) in links
    assert reverse(csv) + "?bom=1" in links
    assert reverse(xlsx) in links
    assert reverse(columns) in links


def test_download_links_keep_the_filters(client, sample):
    links = hrefs(
        client.get("/en/deployments/disaster-relief/?disaster=earthquake").content.decode()
    )
    assert "/en/deployments/disaster-relief.csv?disaster=earthquake&bom=1" in links
    assert "/en/deployments/disaster-relief.xlsx?disaster=earthquake" in links
    links = hrefs(client.get("/en/programs/?from=2018&to=2019").content.decode())
    assert "/en/programs/table.xlsx?from=2018&to=2019" in links
    # A content page embedding a table offers the same downloads.
    links = hrefs(
        client.get("/en/international-cooperation/technical-assistance/").content.decode()
    )
    assert "/en/deployments/disaster-relief.xlsx" in links and "/en/programs/table.xlsx" in links


def workbook(response):
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return load_workbook(io.BytesIO(response.content))


def test_workbook_is_one_header_row_with_units_then_numbers_as_numbers(client, sample):
    response = client.get("/en/deployments/disaster-relief.xlsx")
    assert 'filename="disaster-relief-deployments.xlsx"' in response["Content-Disposition"]
    book = workbook(response)
    data = book.worksheets[0]
    rows = list(data.iter_rows(values_only=True))
    assert rows[0] == tuple(column.heading for column in csv_columns(DEPLOYMENT_COLUMNS))
    assert "persons (persons)" in rows[0] and "year" in rows[0]
    assert data.merged_cells.ranges == set()
    body = rows[1:]
    assert len(body) == 17 and all(any(row) for row in body)  # no blank or title rows
    year, persons = rows[0].index("year"), rows[0].index("persons (persons)")
    assert all(type(row[year]) is int and type(row[persons]) is int for row in body)
    assert any(row[rows[0].index("country")] == "Türkiye" for row in body)
    # The second sheet is the data dictionary.
    about = list(book.worksheets[1].iter_rows(values_only=True))
    assert about[0] == ("Column", "Meaning", "Type", "Unit")
    assert ("persons (persons)", "Police officials sent with the team.", "Whole number",
            "persons") in about  # fmt: skip


def test_wide_workbook_leaves_years_not_held_blank_and_filters_like_the_page(client, sample):
    book = workbook(client.get("/en/programs/table.xlsx?from=2019&to=2020"))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0] == (
        "program",
        "2019 participants (persons)",
        "2019 countries (countries and regions)",
        "2020 participants (persons)",
        "2020 countries (countries and regions)",
    )
    by_program = {row[0]: row[1:] for row in rows[1:]}
    assert by_program["Community Policing"] == (15, 15, None, None)


def test_workbook_cells_are_never_formulas(client, sample):
    from deployments.models import DisasterDeployment

    DisasterDeployment.objects.filter(country="TR").update(place="=HYPERLINK(1)")
    book = workbook(client.get("/en/deployments/disaster-relief.xlsx"))
    cells = [cell for row in book.worksheets[0].iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert "'=HYPERLINK(1)" in [cell.value for cell in cells]


@pytest.mark.parametrize(("page", "csv", "xlsx", "dictionary", "columns"), TABLES)
def test_data_dictionary_lists_every_downloaded_column(
    client, sample, page, csv, xlsx, dictionary, columns
):
    response = client.get(reverse(dictionary))
    assert response.status_code == 200
    html = response.content.decode()
    keys = re.findall(r'<th scope="row"><code>([^<]+)</code></th>', html)
    assert keys == [column.key for column in csv_columns(columns)]
    for column in csv_columns(columns):
        # Every column explains itself; numbers say their unit (a year or month is its own).
        assert str(column.description), column.key
        assert str(column.description).replace("'", "&#x27;") in html
        if column.numeric and column.key not in ("year", "month", "start_year", "end_year"):
            assert str(column.unit), column.key
    assert f'href="{page}"' in html


# LibreOffice, as a spreadsheet user opens the files


def soffice_convert(source: Path, outdir: Path, infilter: str = "") -> Path:
    """`source` opened by LibreOffice headless and saved again as a workbook LibreOffice wrote."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print(f"LibreOffice (soffice) is not installed: {INSTALL}")
        pytest.skip(f"LibreOffice (soffice) is not installed: {INSTALL}")
    # A profile of its own, so that parallel runs do not wait on one another's lock.
    profile = outdir / f"profile-{uuid.uuid4().hex}"
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", "xlsx", "--outdir", str(outdir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return outdir / (source.stem + ".xlsx")


def relief_cells(path):
    rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    header = rows[0]
    country = header.index("country")
    persons = next(i for i, name in enumerate(header) if name.startswith("persons"))
    return [row[country] for row in rows[1:]], [row[persons] for row in rows[1:]]


def test_libreoffice_opens_the_workbook_with_accents_and_numbers_intact(client, sample, tmp_path):
    book = tmp_path / "relief-book.xlsx"
    book.write_bytes(client.get("/en/deployments/disaster-relief.xlsx").content)
    countries, persons = relief_cells(soffice_convert(book, tmp_path / "out"))
    assert "Türkiye" in countries
    assert all(type(value) is int for value in persons) and sum(persons) == 313


def test_libreoffice_reads_the_csv_for_excel_as_utf8_with_numbers(client, sample, tmp_path):
    data = b"".join(client.get("/en/deployments/disaster-relief.csv?bom=1"))
    # The byte-order mark is what tells Excel (and LibreOffice's import dialog) "UTF-8".
    assert data.startswith(b"\xef\xbb\xbf")
    excel_csv = tmp_path / "relief-excel.csv"
    excel_csv.write_bytes(data)
    # Headless LibreOffice 7.4 ignores the mark and assumes Windows-1252 unless told, as its
    # import dialog is told when it shows "Unicode (UTF-8)": comma, quote, UTF-8 (76), row 1.
    converted = soffice_convert(excel_csv, tmp_path / "out", "CSV:44,34,76,1")
    countries, persons = relief_cells(converted)
    assert "Türkiye" in countries
    assert all(isinstance(value, int | float) for value in persons) and sum(persons) == 313
