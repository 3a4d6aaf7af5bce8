"""The two CSV downloads, parsed back and compared with the data."""

import csv
import io

import pytest

from tests.builders import make_figure, make_program, make_scheme, reference_rows

pytestmark = pytest.mark.django_db

SCHEME_NAME = "JICA Knowledge Co-Creation Programs (Group & Region Focus)"


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    return response, body


def parse(body):
    return list(csv.reader(io.StringIO(body)))


def test_figures_csv_has_one_row_per_figure(client, sample_programs):
    response, body = download(client, "/en/programs/figures.csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="training-program-figures.csv"'
    )
    rows = parse(body)
    assert rows[0] == [
        "program",
        "scheme",
        "year",
        "participants",
        "countries",
        "program_ja",
        "scheme_ja",
        "provisional",
    ]
    expected = [
        [r["program"], SCHEME_NAME, str(r["year"]), str(r["participants"]), str(r["countries"])]
        for r in reference_rows()
    ]
    assert sorted(row[:5] for row in rows[1:]) == sorted(expected)
    assert len(rows) == 31


def test_table_csv_is_the_wide_table(client, sample_programs):
    response, body = download(client, "/en/programs/table.csv")
    assert response["Content-Disposition"] == ('attachment; filename="training-programs-table.csv"')
    rows = list(csv.DictReader(io.StringIO(body)))
    header = next(csv.reader(io.StringIO(body)))
    years = [2016, 2017, 2018, 2019, 2020]
    assert header == ["program"] + [
        f"{year} {name}" for year in years for name in ("participants", "countries")
    ]
    by_program = {row["program"]: row for row in rows}
    assert len(by_program) == 8
    figures = {(r["program"], r["year"]): r for r in reference_rows()}
    for program, row in by_program.items():
        for year in years:
            figure = figures.get((program, year))
            assert row[f"{year} participants"] == (str(figure["participants"]) if figure else "")
            assert row[f"{year} countries"] == (str(figure["countries"]) if figure else "")


def test_csvs_honour_the_year_filter(client, sample_programs):
    response, body = download(client, "/en/programs/figures.csv?from=2019&to=2020")
    assert 'filename="training-program-figures-2019-2020.csv"' in response["Content-Disposition"]
    rows = parse(body)[1:]
    assert {row[2] for row in rows} == {"2019", "2020"}
    assert len(rows) == sum(1 for r in reference_rows() if r["year"] >= 2019)

    _, body = download(client, "/en/programs/table.csv?to=2016")
    rows = parse(body)
    assert rows[0] == ["program", "2016 participants", "2016 countries"]
    assert len(rows) == 1 + 7  # all but Criminal Identification ran in 2016


@pytest.mark.parametrize("url", ["/en/programs/figures.csv", "/en/programs/table.csv"])
@pytest.mark.parametrize("query", ["from=abc", "from=2020&to=2016", "to=1&to=2", "from=10**100"])
def test_csvs_answer_400_to_bad_filters(client, sample_programs, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert b"year filter" in response.content


@pytest.mark.parametrize("url", ["/en/programs/figures.csv", "/en/programs/table.csv"])
def test_bom_only_when_asked(client, sample_programs, url):
    _, plain = download(client, url)
    _, with_bom = download(client, f"{url}?bom=1")
    assert not plain.startswith("\ufeff")
    assert with_bom.startswith("\ufeff")
    assert with_bom[1:] == plain


def test_csvs_neutralise_formulas(client):
    scheme = make_scheme(name="@SUM(A1:A9)")
    program = make_program(name='=HYPERLINK("http://x")', scheme=scheme)
    make_figure(program=program, year=2019, participants=3, countries=2)
    _, body = download(client, "/en/programs/figures.csv")
    assert parse(body)[1] == [
        '\'=HYPERLINK("http://x")',
        "'@SUM(A1:A9)",
        "2019",
        "3",
        "2",
        "",
        "",
        "False",
    ]
    _, body = download(client, "/en/programs/table.csv")
    assert parse(body)[1] == ['\'=HYPERLINK("http://x")', "3", "2"]


def test_csvs_leave_out_unpublished_programs(client):
    make_figure(program=make_program(name="Draft", published=False))
    _, body = download(client, "/en/programs/figures.csv")
    assert parse(body) == [
        [
            "program",
            "scheme",
            "year",
            "participants",
            "countries",
            "program_ja",
            "scheme_ja",
            "provisional",
        ]
    ]
    _, body = download(client, "/en/programs/table.csv")
    assert parse(body) == [["program"]]


def test_csv_numbers_are_plain_numbers(client):
    make_figure(program=make_program(name="Big"), year=2019, participants=12345, countries=99)
    _, body = download(client, "/en/programs/figures.csv")
    assert body.splitlines()[1].endswith(",2019,12345,99,,,False")


def test_csvs_use_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for i in range(20):
        program = make_program(name=f"Program {i}")
        for year in range(2000, 2010):
            make_figure(program=program, year=year)
    with django_assert_max_num_queries(2):
        download(client, "/en/programs/figures.csv")
    with django_assert_max_num_queries(2):
        download(client, "/en/programs/table.csv")
