"""Admin exports: the list as filtered, safe to open in a spreadsheet, and importable again."""

import pytest
from django.urls import reverse

from deployments import sample_data as deployment_samples
from deployments.resources import DisasterDeploymentResource, ExpertDispatchResource
from programs import sample_data as program_samples
from programs.resources import AnnualFigureResource

from .builders import deployment, make_figure, make_program
from .editorial_helpers import (
    CSV_FORMAT,
    XLSX_FORMAT,
    confirm,
    csv_bytes,
    export,
    read_csv,
    read_xlsx,
    statuses,
    upload,
)

pytestmark = pytest.mark.django_db

FIGURES = "programs_annualfigure"
DEPLOYMENTS = "deployments_disasterdeployment"
DISPATCHES = "deployments_expertdispatch"
RESOURCES = [
    (FIGURES, AnnualFigureResource),
    (DEPLOYMENTS, DisasterDeploymentResource),
    (DISPATCHES, ExpertDispatchResource),
]


@pytest.fixture
def samples(db):
    program_samples.load()
    deployment_samples.load()


@pytest.mark.parametrize(("model", "resource"), RESOURCES)
@pytest.mark.parametrize(("file_format", "extension"), [(CSV_FORMAT, "csv"), (XLSX_FORMAT, "xlsx")])
def test_export_then_import_reports_every_row_unchanged(
    staff_client, samples, model, resource, file_format, extension
):
    exported = export(staff_client, model, resource, file_format)
    assert exported.status_code == 200
    count = resource().get_queryset().count()
    assert count >= 5
    response = upload(staff_client, model, exported.content, f"export.{extension}", file_format)
    assert statuses(response) == ["unchanged"] * count


def test_export_honours_the_list_filter(staff_client, samples):
    exported = export(staff_client, FIGURES, AnnualFigureResource, query="?year=2019")
    rows = read_csv(exported)
    assert rows
    assert {row["year"] for row in rows} == {"2019"}
    assert len(rows) == program_samples.AnnualFigure.objects.filter(year=2019).count()


def test_export_honours_the_list_search(staff_client, samples):
    exported = export(staff_client, FIGURES, AnnualFigureResource, query="?q=cyber")
    programs = {row["program"] for row in read_csv(exported)}
    assert programs == {"Countermeasures against Cybercrime"}


def test_export_honours_country_search_and_decade_filter(staff_client, samples):
    exported = export(
        staff_client,
        DEPLOYMENTS,
        DisasterDeploymentResource,
        XLSX_FORMAT,
        query="?q=Taiwan&decade=1990",
    )
    rows = read_xlsx(exported)
    assert rows
    assert {(row["country"], row["year"] // 10 * 10) for row in rows} == {("TW", 1990)}


def test_exports_neutralise_formulas_but_leave_numbers(staff_client):
    program = make_program('=HYPERLINK("http://evil.example")')
    make_figure(program, year=2019, participants=10, countries=8, note="@SUM(A1)")
    make_figure(program, year=2020, participants=12, countries=9, note="-2 weeks\tonline")
    csv_rows = read_csv(export(staff_client, FIGURES, AnnualFigureResource))
    assert {row["program"] for row in csv_rows} == {'\'=HYPERLINK("http://evil.example")'}
    assert [row["note"] for row in csv_rows] == ["'@SUM(A1)", "'-2 weeks\tonline"]
    assert [row["participants"] for row in csv_rows] == ["10", "12"]

    exported = export(staff_client, FIGURES, AnnualFigureResource, XLSX_FORMAT)
    xlsx_rows = read_xlsx(exported)
    assert [row["note"] for row in xlsx_rows] == ["'@SUM(A1)", "'-2 weeks\tonline"]
    assert [row["participants"] for row in xlsx_rows] == [10, 12]

    # The apostrophe is taken off again on import, so the round trip changes nothing.
    response = upload(staff_client, FIGURES, exported.content, "export.xlsx", XLSX_FORMAT)
    assert statuses(response) == ["unchanged", "unchanged"]


def test_list_page_export_link_keeps_the_filters(staff_client, samples):
    url = reverse(f"admin:{FIGURES}_changelist") + "?year=2019"
    html = staff_client.get(url).content.decode()
    assert reverse(f"admin:{FIGURES}_export") + "?year=2019" in html


@pytest.mark.parametrize(
    ("file_format", "read"), [(CSV_FORMAT, read_csv), (XLSX_FORMAT, read_xlsx)]
)
def test_every_formula_prefix_is_neutralised_and_round_trips(staff_client, file_format, read):
    program = make_program("Forensic Science")
    notes = ["=1+1", "+81 3", "-5 days", "@once", "\tindented", "\rreturn", "plain 12"]
    for year, note in enumerate(notes, 2010):
        make_figure(program, year=year, participants=year - 2000, countries=1, note=note)
    exported = export(staff_client, FIGURES, AnnualFigureResource, file_format)
    rows = read(exported)
    expected = [f"'{note}" for note in notes[:-1]] + ["plain 12"]
    found = [row["note"] for row in rows]
    if read is read_xlsx:
        # A carriage return comes back from a workbook as a line feed, or as itself when
        # openpyxl has lxml installed; either way the apostrophe is there.
        expected = [note.replace("\r", "\n") for note in expected]
        found = [note.replace("\r", "\n") for note in found]
    assert found == expected
    participants = [row["participants"] for row in rows]
    assert participants == (
        [str(n) for n in range(10, 17)] if read is read_csv else [*range(10, 17)]
    )
    extension = "csv" if file_format == CSV_FORMAT else "xlsx"
    response = upload(staff_client, FIGURES, exported.content, f"export.{extension}", file_format)
    assert statuses(response) == ["unchanged"] * len(notes)


@pytest.mark.parametrize(("file_format", "extension"), [(CSV_FORMAT, "csv"), (XLSX_FORMAT, "xlsx")])
def test_text_typed_on_several_lines_round_trips_unchanged(staff_client, file_format, extension):
    # The admin's text boxes send line breaks as CR LF; a workbook gives them back as LF.
    row = deployment(summary="Search and rescue.\r\nMedical care.\r\n\r\nReturned in May.")
    exported = export(staff_client, DEPLOYMENTS, DisasterDeploymentResource, file_format)
    response = upload(
        staff_client, DEPLOYMENTS, exported.content, f"export.{extension}", file_format
    )
    assert statuses(response) == ["unchanged"]
    row.refresh_from_db()
    assert row.summary == "Search and rescue.\r\nMedical care.\r\n\r\nReturned in May."


def test_control_characters_neither_import_nor_break_a_workbook_export(staff_client):
    program = make_program("Forensic Science")
    make_figure(program, year=2019, note="typed in a shell\x07")  # not possible through the admin
    rows = read_xlsx(export(staff_client, FIGURES, AnnualFigureResource, XLSX_FORMAT))
    assert [row["note"] for row in rows] == ["typed in a shell\N{REPLACEMENT CHARACTER}"]
    content = csv_bytes(
        ["program", "year", "participants", "countries", "note"],
        [["Forensic Science", 2020, 9, 7, "from a\x0b partner\x00"]],
    )
    preview = upload(staff_client, FIGURES, content, "figures.csv")
    confirm(staff_client, FIGURES, preview)
    assert program.figures.get(year=2020).note == "from a partner"


@pytest.mark.parametrize(
    "query", ["?year=abc", "?year__gte=x", "?program__id__exact=zz", "?bogus=1", "?decade=x"]
)
def test_export_with_nonsense_filters_is_a_bad_request(staff_client, query):
    make_figure()
    response = export(staff_client, FIGURES, AnnualFigureResource, query=query)
    assert response.status_code == 400
    assert staff_client.get(reverse(f"admin:{FIGURES}_export") + query).status_code == 400


def test_export_with_an_unknown_sort_still_exports(staff_client):
    make_figure()
    response = export(staff_client, FIGURES, AnnualFigureResource, query="?o=99")
    assert len(read_csv(response)) == 1
