"""The public training-program pages: /programs/ and /programs/<slug>/."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.models import Program
from programs.views import scheme_tables_context
from tests.builders import make_figure, make_many, make_program, make_scheme, reference_rows
from tests.html_parsing import parse_tables

pytestmark = pytest.mark.django_db

SCHEME_NAME = "JICA Knowledge Co-Creation Programs (Group & Region Focus)"
PROGRAMS = [
    "Organization Management for Senior Police Officers",
    "Community Policing",
    "Control of Drug Offenses",
    "Counter International Terrorism",
    "Traffic Police Administration",
    "Countermeasures against Cybercrime",
    "International Crime Investigation",
    "Criminal Identification",
]


def expected_table(years):
    """The source table as cell texts: numbers where a program ran, "not held" elsewhere."""
    figures = {(r["program"], r["year"]): r for r in reference_rows()}
    rows = []
    for program in PROGRAMS:
        cells = [program]
        for year in years:
            figure = figures.get((program, year))
            if figure:
                cells += [str(figure["participants"]), str(figure["countries"])]
            else:
                cells += ["not held", "not held"]
        rows.append(cells)
    totals = ["Total participants"]
    for year in years:
        total = sum(r["participants"] for r in reference_rows() if r["year"] == year)
        totals += [str(total), "countries not totalled"]
    return rows, totals


def test_programs_page_shows_the_source_table_cell_by_cell(client, sample_programs):
    response = client.get(reverse("programs:index"))
    assert response.status_code == 200
    page = parse_tables(response.content)
    assert page.captions == [SCHEME_NAME]
    (table,) = page.tables
    years = [2016, 2017, 2018, 2019, 2020]
    assert table[0] == ["Program", *map(str, years)]
    assert table[1] == ["Participants", "Countries"] * 5
    rows, totals = expected_table(years)
    assert table[2:-1] == rows
    assert table[-1] == totals
    # The totals of the source table, added by hand.
    assert table[-1][1::2] == ["98", "94", "117", "114", "23"]


def test_programs_page_marks_up_the_table_for_screen_readers(client, sample_programs):
    html = client.get(reverse("programs:index")).content.decode()
    assert '<th scope="colgroup" colspan="2" class="year-group">2016</th>' in html
    assert html.count('<th scope="row">') == 9
    assert '<span class="visually-hidden">not held</span>' in html
    assert "A blank cell means the program was not held that year." in html
    assert "Countries are not added up" in html
    # No table cell says 0 (the charts' axes may start at 0).
    tables = html[html.index('<section class="scheme-table"') :]
    assert ">0<" not in tables


def test_programs_page_links_each_program_and_both_csvs(client, sample_programs):
    html = client.get(reverse("programs:index") + "?from=2017&to=2019").content.decode()
    assert 'href="/en/programs/community-policing/"' in html
    assert 'href="/en/programs/figures.csv?from=2017&amp;to=2019"' in html
    assert 'href="/en/programs/table.csv?from=2017&amp;to=2019"' in html


def test_year_filter_limits_the_columns(client, sample_programs):
    response = client.get(reverse("programs:index"), {"from": 2017, "to": 2019})
    assert response.status_code == 200
    (table,) = parse_tables(response.content).tables
    assert table[0] == ["Program", "2017", "2018", "2019"]
    rows, totals = expected_table([2017, 2018, 2019])
    assert table[2:-1] == rows
    assert table[-1] == totals


def test_year_filter_with_one_end_open(client, sample_programs):
    (table,) = parse_tables(client.get("/en/programs/?from=2019").content).tables
    assert table[0] == ["Program", "2019", "2020"]
    # Programs that did not run in the selected years are left out.
    assert [row[0] for row in table[2:-1]] == [
        p for p in PROGRAMS if p != "Traffic Police Administration"
    ]


def test_filter_with_no_figures_says_so(client, sample_programs):
    response = client.get("/en/programs/?from=1990&to=1995")
    assert response.status_code == 200
    assert b"no figures for the selected years" in response.content
    # No table, so no notes about its blank cells and no downloads of it either.
    assert b"table-notes" not in response.content
    assert b'href="/programs/figures.csv' not in response.content


@pytest.mark.parametrize(
    "query",
    [
        "from=abc",
        "to=2019x",
        "from=99999999999999999999999999",
        "from=-5",
        "from=1949",
        "to=2101",
        "from=2019&to=2017",
        "from=2017&from=2018",
        "to=2017&to=2018",
        "from=2017.5",
        "from[]=2017",
    ],
)
def test_bad_filters_never_cause_a_server_error(client, sample_programs, query):
    response = client.get(f"/en/programs/?{query}")
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        # The page still explains the problem and shows every year.
        assert b"The year filter could not be used" in response.content
        (table,) = parse_tables(response.content).tables
        assert table[0][1:] == ["2016", "2017", "2018", "2019", "2020"]


def test_nul_byte_in_the_filter_is_refused_by_the_form(client, sample_programs):
    response = client.get("/en/programs/?from=%00")
    assert response.status_code == 400
    assert b"The year filter could not be used" in response.content


def test_reversed_range_is_explained(client, sample_programs):
    response = client.get("/en/programs/?from=2019&to=2017")
    assert response.status_code == 400
    assert "is after the “to” year" in response.content.decode()


def test_empty_filter_values_show_everything(client, sample_programs):
    response = client.get("/en/programs/?from=&to=")
    assert response.status_code == 200


def test_unpublished_programs_are_not_shown(client, sample_programs):
    from programs.models import Program

    Program.objects.filter(slug="community-policing").update(published=False)
    html = client.get("/en/programs/").content.decode()
    assert "Community Policing" not in html
    assert client.get("/en/programs/community-policing/").status_code == 404


def test_one_table_per_scheme_in_display_order(client, sample_programs):
    scheme = make_scheme(name="Programs run by the police alone", display_order=0)
    make_figure(program=make_program(name="Forensic Science", scheme=scheme), year=2021)
    page = parse_tables(client.get("/en/programs/").content)
    assert page.captions == ["Programs run by the police alone", SCHEME_NAME]
    assert page.tables[0][0] == ["Program", "2021"]
    assert page.tables[1][0][1:] == ["2016", "2017", "2018", "2019", "2020"]


def test_programs_page_query_count_does_not_grow(client, django_assert_num_queries):
    scheme = make_scheme()
    for name in ("A", "B", "C"):
        make_figure(program=make_program(name=name, scheme=scheme))
    with CaptureQueriesContext(connection) as small:
        assert client.get("/en/programs/").status_code == 200
    # Schemes, yearly totals, programs, figures, one for the dates ("last updated" and the
    # dataset's coverage in its JSON-LD) and the menu: make bench's target is 6 at any size.
    assert len(small) == 6, [query["sql"][:80] for query in small]

    make_many(schemes=2, programs=60, years=30)
    with django_assert_num_queries(len(small)):
        response = client.get("/en/programs/")
    assert response.status_code == 200
    assert len(parse_tables(response.content).tables) == 3


def test_program_page_shows_years_and_totals(client, sample_programs):
    response = client.get(
        reverse("programs:detail", kwargs={"slug": "traffic-police-administration"})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert SCHEME_NAME.replace("&", "&amp;") in html
    (table,) = parse_tables(html).tables
    assert table == [
        ["Year", "Participants", "Countries"],
        ["2016", "11", "11"],
        ["2017", "not held", "not held"],
        ["2018", "10", "10"],
        ["2019", "not held", "not held"],
        ["2020", "not held", "not held"],
        ["Total", "21", "countries not totalled"],
    ]
    assert "Held in 2 of the 5 years 2016–2020." in html


def test_program_chart_spans_the_schemes_years(client, sample_programs):
    # Held 2016 to 2019 in a scheme whose figures run 2016-2020.
    response = client.get(reverse("programs:detail", kwargs={"slug": "community-policing"}))
    html = response.content.decode()
    assert [row.year for row, _ in response.context["rows"]] == [2016, 2017, 2018, 2019, 2020]
    year_labels = [t.text for t in response.context["chart"].texts if t.text.isdigit()]
    assert {"2016", "2020"} <= set(year_labels)
    assert "Held in 4 of the 5 years 2016–2020." in html


def test_program_held_every_year_of_its_scheme_says_so(client):
    program = make_program(name="Forensic Science")
    for year in (2018, 2019):
        make_figure(program=program, year=year)
    html = client.get("/en/programs/forensic-science/").content.decode()
    assert "Held every year, 2018–2019." in html


def test_program_held_once_reads_as_one_year(client):
    make_figure(program=make_program(name="Forensic Science"), year=2018)
    html = client.get("/en/programs/forensic-science/").content.decode()
    assert "Held in 2018." in html
    assert "2018&ndash;2018" not in html


def test_program_page_shows_description_and_notes(client):
    program = make_program(name="Forensic Science", description="Fingerprints and DNA.")
    make_figure(program=program, year=2019, note="held online")
    html = client.get(program.get_absolute_url()).content.decode()
    assert "Fingerprints and DNA." in html
    (table,) = parse_tables(html).tables
    assert table[0] == ["Year", "Participants", "Countries", "Note"]
    assert table[1] == ["2019", "10", "8", "held online"]


def test_program_page_query_count_is_constant(client, django_assert_max_num_queries):
    program = make_program()
    for year in range(1990, 2020):
        make_figure(program=program, year=year)
    with django_assert_max_num_queries(5):
        assert client.get(program.get_absolute_url()).status_code == 200


def test_unknown_slug_is_404(client, sample_programs):
    assert client.get("/en/programs/no-such-program/").status_code == 404


def test_scheme_tables_partial_renders_one_scheme_in_another_page(sample_programs):
    other = make_scheme(name="Other scheme")
    make_figure(program=make_program(name="Elsewhere", scheme=other))
    request = RequestFactory().get("/en/about/", {"from": "2018"})
    context = scheme_tables_context(request.GET, scheme="jica-knowledge-co-creation")
    html = render_to_string("programs/includes/scheme_tables.html", context, request=request)
    page = parse_tables(html)
    assert page.captions == [f"{SCHEME_NAME}, 2018–2020"]
    assert page.tables[0][0] == ["Program", "2018", "2019", "2020"]
    assert "Elsewhere" not in html
    assert "/en/programs/figures.csv?from=2018" in html


def test_scheme_tables_context_reports_bad_filters():
    request = RequestFactory().get("/en/", {"from": "soon"})
    context = scheme_tables_context(request.GET)
    assert context["form"].errors
    assert context["filter_errors"] == ["Enter a whole number."]
    assert context["figures_csv_url"] == "/en/programs/figures.csv"


def test_scheme_tables_partial_with_an_unknown_scheme_shows_no_table():
    request = RequestFactory().get("/en/")
    context = scheme_tables_context(request.GET, scheme="no-such-scheme")
    html = render_to_string("programs/includes/scheme_tables.html", context, request=request)
    assert "<table" not in html


def test_every_sample_program_says_what_it_is(client, sample_programs):
    programs = list(Program.objects.all())
    assert len(programs) == 8
    for program in programs:
        assert len(program.description) > 40, program
        html = client.get(program.get_absolute_url()).content.decode()
        assert program.description.split(":")[0].split(",")[0] in html
