"""Spreadsheet imports in the admin: preview first, then every row or none."""

import time

import pytest
from django.urls import reverse

from deployments import sample_data as deployment_samples
from deployments.models import DisasterDeployment, ExpertDispatch
from editorial import formats as import_formats
from editorial import resources as editorial_resources
from programs import sample_data as program_samples
from programs.models import AnnualFigure

from .builders import deployment, make_figure, make_program
from .editorial_helpers import (
    CSV_FORMAT,
    XLSX_FORMAT,
    confirm,
    csv_bytes,
    problems,
    statuses,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

FIGURES = "programs_annualfigure"
DEPLOYMENTS = "deployments_disasterdeployment"
DISPATCHES = "deployments_expertdispatch"
FIGURE_HEADER = ["program", "year", "participants", "countries", "note"]


@pytest.fixture
def forensic(db):
    program = make_program("Forensic Science")
    make_figure(program, year=2019, participants=10, countries=8)
    make_figure(program, year=2020, participants=12, countries=9)
    return program


def snapshot():
    """Everything an import could touch: figure values and the number of history rows."""
    return (
        sorted(AnnualFigure.objects.values_list("program_id", "year", "participants", "countries")),
        AnnualFigure.history.count(),
    )


def test_preview_lists_each_row_and_writes_nothing(staff_client, forensic):
    before = snapshot()
    content = csv_bytes(
        FIGURE_HEADER,
        [
            ["Forensic Science", 2019, 10, 8, ""],
            ["forensic-science", 2020, 15, 9, ""],
            ["Forensic Science", 2021, 11, 7, "held online"],
        ],
    )
    response = upload(staff_client, FIGURES, content, "figures-2021.csv")
    assert response.status_code == 200
    assert statuses(response) == ["unchanged", "changed", "new"]
    changed = response.context["preview"].rows[1]
    participants = changed.cells[FIGURE_HEADER.index("participants") + 1]
    assert (participants["old"], participants["new"], participants["changed"]) == (12, 15, True)
    assert "confirm_form" in response.context
    assert snapshot() == before


def test_confirm_writes_and_records_who_and_which_file(staff_client, forensic, staff_user):
    content = csv_bytes(
        FIGURE_HEADER,
        [["Forensic Science", 2020, 15, 9, ""], ["Forensic Science", 2021, 11, 7, ""]],
    )
    preview = upload(staff_client, FIGURES, content, "figures-2021.csv")
    response = confirm(staff_client, FIGURES, preview)
    assert response.status_code == 302
    assert set(forensic.figures.values_list("year", "participants")) == {
        (2019, 10),
        (2020, 15),
        (2021, 11),
    }
    for year in (2020, 2021):
        record = AnnualFigure.history.filter(program=forensic, year=year).latest()
        assert record.history_change_reason == "imported from figures-2021.csv"
        assert record.history_user == staff_user
    assert AnnualFigure.history.filter(program=forensic, year=2019).count() == 1


def test_one_bad_row_out_of_fifty_writes_nothing_and_names_it(staff_client, forensic):
    programs = [forensic] + [make_program(f"Program {n}") for n in range(4)]
    rows = [[program.name, year, 20, 5, ""] for program in programs for year in range(2008, 2018)]
    assert len(rows) == 50
    rows[36] = [rows[36][0], rows[36][1], 4, 9, ""]  # line 38: more countries than officers
    before = snapshot()
    response = upload(staff_client, FIGURES, csv_bytes(FIGURE_HEADER, rows), "figures.csv")
    assert "confirm_form" not in response.context
    assert problems(response) == [
        (
            38,
            "countries",
            "There cannot be more countries (9) than participants (4): each country sends "
            "at least one participant.",
        )
    ]
    assert statuses(response).count("error") == 1
    assert statuses(response).count("new") == 49
    assert snapshot() == before
    assert "line 1 of the file is the header" in response.content.decode()


def test_every_kind_of_bad_cell_is_explained(staff_client, forensic):
    rows = [
        ["Forensic Sciences", 2021, 5, 3, ""],  # line 2: unknown program
        ["Forensic Science", "20x1", 5, 3, ""],  # line 3: year not a number
        ["Forensic Science", 2023, "", 3, ""],  # line 4: empty required cell
        ["Forensic Science", 2021, 5, 3, ""],  # line 5: fine
        ["forensic-science", 2021, 6, 3, ""],  # line 6: same program and year as line 5
        ["Forensic Science", 2022.5, 5, 3, ""],  # line 7: not a whole number
    ]
    response = upload(staff_client, FIGURES, csv_bytes(FIGURE_HEADER, rows), "bad.csv")
    found = problems(response)
    lines = {line: (column, message) for line, column, message in found}
    assert lines[2][0] == "program" and "Unknown program “Forensic Sciences”" in lines[2][1]
    assert lines[3] == ("year", "“20x1” is not a number.")
    assert lines[4] == ("participants", "This cell is empty; a number is required.")
    assert 5 not in lines
    assert "Duplicate row in the file: line 5 has the same program and year." in lines[6][1]
    assert lines[7] == ("year", "“2022.5” is not a whole number.")
    assert not AnnualFigure.objects.filter(year=2021).exists()


def test_a_file_without_a_required_column_is_refused(staff_client, forensic):
    content = csv_bytes(["program", "year", "participants"], [["Forensic Science", 2021, 5]])
    response = upload(staff_client, FIGURES, content, "figures.csv")
    assert "confirm_form" not in response.context
    assert response.context["preview"].file_errors == [
        "The file has no “countries” column. The first row must name the columns: "
        "program, scheme, year, participants, countries, note."
    ]


def test_csv_with_byte_order_mark_imports(staff_client, forensic):
    content = csv_bytes(FIGURE_HEADER, [["Forensic Science", 2021, 11, 7, ""]], bom=True)
    preview = upload(staff_client, FIGURES, content, "excel.csv")
    assert statuses(preview) == ["new"]
    confirm(staff_client, FIGURES, preview)
    assert forensic.figures.get(year=2021).participants == 11


def test_xlsx_imports(staff_client, forensic):
    content = xlsx_bytes(
        ["Program", "Year ", "participants", "countries"],
        [["Forensic Science", 2021, 11, 7], ["Forensic Science", 2019, 10, 8]],
    )
    preview = upload(staff_client, FIGURES, content, "figures-2021.xlsx", XLSX_FORMAT)
    assert statuses(preview) == ["new", "unchanged"]
    confirm(staff_client, FIGURES, preview)
    record = AnnualFigure.history.get(program=forensic, year=2021)
    assert record.history_change_reason == "imported from figures-2021.xlsx"


def test_data_changed_between_preview_and_confirm_writes_nothing(staff_client, forensic):
    other = make_program("Cybercrime")
    content = csv_bytes(
        FIGURE_HEADER,
        [["Cybercrime", 2021, 11, 7, ""], ["Forensic Science", 2021, 9, 3, ""]],
    )
    preview = upload(staff_client, FIGURES, content, "figures.csv")
    assert statuses(preview) == ["new", "new"]
    forensic.delete()  # someone else removes a program meanwhile
    response = confirm(staff_client, FIGURES, preview)
    assert response.status_code == 200
    assert "Nothing was imported" in response.content.decode()
    assert not other.figures.exists()


def test_files_over_the_size_limit_are_refused(staff_client, forensic):
    content = b"program,year,participants,countries\r\n" + b"x" * (5 * 1024 * 1024)
    response = upload(staff_client, FIGURES, content, "huge.csv")
    assert response.status_code == 200
    assert "files up to 5.0\xa0MB can be imported" in response.content.decode()
    assert "confirm_form" not in response.context


@pytest.mark.parametrize(
    ("make_file", "file_format"), [(csv_bytes, CSV_FORMAT), (xlsx_bytes, XLSX_FORMAT)]
)
def test_files_with_too_many_rows_are_refused(
    staff_client, forensic, monkeypatch, make_file, file_format
):
    monkeypatch.setattr(editorial_resources, "MAX_IMPORT_ROWS", 10)
    rows = [["Forensic Science", 1990 + n, 5, 3, ""] for n in range(11)]
    response = upload(staff_client, FIGURES, make_file(FIGURE_HEADER, rows), "f", file_format)
    assert "confirm_form" not in response.context
    assert response.context["form"].errors["import_file"] == [
        "The file has more than 10 rows; at most 10 can be imported at once. "
        "Split it into smaller files."
    ]
    assert not forensic.figures.filter(year__lt=2000).exists()
    # Ten rows, and empty rows saved below them, are fine.
    rows = rows[:10] + [["", "", "", "", ""]] * 30
    response = upload(staff_client, FIGURES, make_file(FIGURE_HEADER, rows), "f", file_format)
    assert statuses(response) == ["new"] * 10


def test_a_large_workbook_is_refused_without_reading_it_all(staff_client, forensic):
    rows = [["Forensic Science", 1000 + n % 1000, 5, 3] for n in range(20_000)]
    content = xlsx_bytes(FIGURE_HEADER[:4], rows)
    started = time.monotonic()
    response = upload(staff_client, FIGURES, content, "big.xlsx", XLSX_FORMAT)
    assert "at most 5000 can be imported" in response.context["form"].errors["import_file"][0]
    assert time.monotonic() - started < 5


def test_a_workbook_that_unpacks_to_too_much_is_refused(staff_client, forensic, monkeypatch):
    monkeypatch.setattr(import_formats, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)
    rows = [["Forensic Science", 2021, 5, 3, "x" * 4000] for _ in range(600)]
    content = xlsx_bytes(FIGURE_HEADER, rows)
    assert len(content) < 200_000
    response = upload(staff_client, FIGURES, content, "packed.xlsx", XLSX_FORMAT)
    assert response.context["form"].errors["import_file"] == [
        "This workbook holds far more than a figures sheet (2 MB unpacked). "
        "Import at most 5000 rows at a time, from one sheet."
    ]


@pytest.mark.parametrize(
    ("make_file", "file_format"), [(csv_bytes, CSV_FORMAT), (xlsx_bytes, XLSX_FORMAT)]
)
def test_line_numbers_count_empty_lines(staff_client, forensic, make_file, file_format):
    rows = [
        ["Forensic Science", 2021, 5, 3, ""],  # line 2
        ["", "", "", "", ""],  # line 3: an empty line between rows is passed over
        ["Forensic Science", 2022, 4, 9, ""],  # line 4: more countries than participants
        ["", "", "", "", ""],  # empty lines after the data are not rows at all
        ["", "", "", "", ""],
    ]
    response = upload(staff_client, FIGURES, make_file(FIGURE_HEADER, rows), "f", file_format)
    assert [(line, column) for line, column, _message in problems(response)] == [(4, "countries")]
    assert [(row.line, row.status) for row in response.context["preview"].rows] == [
        (2, "new"),
        (3, "blank"),
        (4, "error"),
    ]
    assert "1 empty line passed over." in response.content.decode()


def test_csv_line_numbers_follow_cells_written_on_several_lines(staff_client, forensic):
    content = (
        b"program,year,participants,countries,note\r\n"
        b'Forensic Science,2021,5,3,"first line\r\nsecond line"\r\n'
        b"\r\n"
        b"Forensic Science,20x2,5,3,\r\n"
    )
    response = upload(staff_client, FIGURES, content, "figures.csv")
    assert problems(response) == [(5, "year", "“20x2” is not a number.")]


def test_a_row_longer_than_the_header_is_refused(staff_client, forensic):
    content = b"program,year,participants,countries\r\nForensic Science,2021,5,3,extra\r\n"
    response = upload(staff_client, FIGURES, content, "figures.csv")
    assert response.context["form"].errors["import_file"] == [
        "Line 2 has more cells than the first row has column names."
    ]


def test_deployments_import_accepts_country_codes_and_names(staff_client):
    header = ["year", "month", "country", "disaster", "team", "persons"]
    rows = [
        [2023, 2, "Türkiye", "Earthquake", "Rescue team", 12],
        [2016, 4, "ec", "earthquake", "rescue", 7],
        [2015, 4, "NPL", "Earthquake", "rescue", 9],
        [2014, 5, "Atlantis", "earthquake", "rescue", 3],
    ]
    response = upload(staff_client, DEPLOYMENTS, csv_bytes(header, rows), "jdr.csv")
    assert problems(response) == [
        (
            5,
            "country",
            "Unknown country “Atlantis”: give an ISO code such as TR or an English name "
            "such as Türkiye.",
        )
    ]
    rows.pop()
    preview = upload(staff_client, DEPLOYMENTS, csv_bytes(header, rows), "jdr.csv")
    confirm(staff_client, DEPLOYMENTS, preview)
    assert set(DisasterDeployment.objects.values_list("country", flat=True)) == {"TR", "EC", "NP"}


def test_deployment_rules_are_checked_on_import(staff_client):
    deployment(year=2011, month=3, country="NZ", persons=5)
    header = ["year", "month", "country", "disaster", "team", "persons"]
    rows = [
        [2011, 3, "NZ", "earthquake", "rescue", 6],  # changes the existing row
        [2011, 13, "NZ", "earthquake", "rescue", 6],  # no 13th month
        [2011, 4, "NZ", "meteor", "rescue", 6],  # unknown disaster
        [2011, 5, "NZ", "earthquake", "rescue", 0],  # nobody sent
    ]
    response = upload(staff_client, DEPLOYMENTS, csv_bytes(header, rows), "jdr.csv")
    assert statuses(response) == ["changed", "error", "error", "error"]
    columns = {line: column for line, column, _message in problems(response)}
    assert columns == {3: "month", 4: "disaster", 5: "persons"}
    assert DisasterDeployment.objects.get().persons == 5


def test_dispatch_import_reads_blank_counts_as_not_stated(staff_client):
    header = ["country", "beneficiary", "start_year", "end_year", "long_term_experts"]
    header += ["field_of_work"]
    rows = [["Indonesia", "", 2018, "", "", "community policing"]]
    preview = upload(staff_client, DISPATCHES, csv_bytes(header, rows), "dispatches.csv")
    assert statuses(preview) == ["new"]
    confirm(staff_client, DISPATCHES, preview)
    dispatch = ExpertDispatch.objects.get()
    assert (dispatch.country.code, dispatch.long_term_experts, dispatch.end_year) == (
        "ID",
        None,
        None,
    )


def test_the_public_figures_csv_imports_as_unchanged(staff_client, client):
    program_samples.load()
    public = client.get(reverse("programs:figures_csv"))
    content = b"".join(public.streaming_content)
    response = upload(staff_client, FIGURES, content, "figures.csv")
    assert statuses(response) == ["unchanged"] * AnnualFigure.objects.count()


def test_import_needs_add_and_change_permission(client, make_staff):
    client.force_login(make_staff("viewer"))
    assert client.get(reverse(f"admin:{FIGURES}_import")).status_code == 403


def test_sample_deployments_survive_an_empty_import(staff_client):
    deployment_samples.load()
    count = DisasterDeployment.objects.count()
    header = ["year", "month", "country", "disaster", "team", "persons"]
    response = upload(staff_client, DEPLOYMENTS, csv_bytes(header, []), "empty.csv")
    assert "confirm_form" not in response.context
    assert DisasterDeployment.objects.count() == count


@pytest.mark.parametrize(
    ("content", "file_format"),
    [
        ("program,year\r\n鑑識,2021\r\n".encode("shift_jis"), "0"),
        (b"not a workbook", XLSX_FORMAT),
    ],
)
def test_unreadable_files_get_a_message(staff_client, content, file_format):
    response = upload(staff_client, FIGURES, content, "figures", file_format)
    assert response.status_code == 200
    assert "could not be read as the chosen format" in response.content.decode()
    assert "confirm_form" not in response.context


def test_preview_and_confirm_through_a_shared_redis_cache(staff_client, forensic, redis_url):
    """With Redis (several app servers), the file waits in the cache, not one machine's /tmp."""
    from django.core.cache import cache
    from django.test import override_settings

    redis = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url}
    storage = "import_export.tmp_storages.CacheStorage"
    with override_settings(CACHES={"default": redis}, IMPORT_EXPORT_TMP_STORAGE_CLASS=storage):
        content = csv_bytes(FIGURE_HEADER, [["Forensic Science", 2021, 11, 7, ""]])
        preview = upload(staff_client, FIGURES, content, "figures-2021.csv")
        waiting = preview.context["confirm_form"].initial["import_file_name"]
        assert cache.get("django-import-export-" + waiting) is not None
        response = confirm(staff_client, FIGURES, preview)
        assert response.status_code == 302
        cache.clear()
    assert forensic.figures.filter(year=2021, participants=11).exists()
