"""One year-range filter (core.forms.YearRangeForm) with one behaviour on every public table.

A range the wrong way round and a parameter given twice are the client's mistakes: the page
says so and answers 400, the year range is then ignored as a whole (the other filters still
apply), and a CSV download refuses with 400 rather than guess.
"""

import re
from html import unescape

import pytest
from django.urls import reverse

from .builders import deployment, dispatch, make_figure, make_program

pytestmark = pytest.mark.django_db

YEARS = (2000, 2005, 2010)


@pytest.fixture
def rows():
    program = make_program(name="Forensic Science")
    for year in YEARS:
        make_figure(program=program, year=year)
        deployment(year=year, country="TR")
        dispatch(start_year=year, country="ID", field_of_work=f"work {year}")


def _years_shown(response):
    """The years whose rows or columns the page shows, read from its context."""
    context = response.context
    if "tables" in context:
        return sorted({year for table in context["tables"] for year in table.years})
    if "jdr_rows" in context:
        return sorted({int(row[0].text.split()[-1]) for row in context["jdr_rows"]})
    return sorted(row[0].text for group in context["dispatch_groups"] for row in group["rows"])


def _text(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


PAGES = ["programs:index", "deployments:disaster_relief", "deployments:expert_dispatches"]
CSVS = [
    "programs:figures_csv",
    "programs:table_csv",
    "deployments:disaster_relief_csv",
    "deployments:expert_dispatches_csv",
]
ALL = {2000, 2005, 2010}


def _as_set(years):
    return {int(year) for year in years}


@pytest.mark.parametrize("page", PAGES)
def test_a_valid_range_filters_the_page(client, rows, page):
    response = client.get(reverse(page), {"from": "2004", "to": "2006"})
    assert response.status_code == 200
    assert _as_set(_years_shown(response)) == {2005}


@pytest.mark.parametrize("page", PAGES)
def test_a_reversed_range_is_explained_and_ignored_as_a_whole(client, rows, page):
    response = client.get(reverse(page), {"from": "2006", "to": "2004"})
    assert response.status_code == 400
    assert "The “from” year (2006) is after the “to” year (2004)." in _text(response)
    assert _as_set(_years_shown(response)) == ALL


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("key", ["from", "to"])
def test_a_year_given_twice_is_explained_and_the_range_ignored(client, rows, page, key):
    query = f"{key}=2004&{key}=2006" + ("&to=2010" if key == "from" else "&from=2004")
    response = client.get(f"{reverse(page)}?{query}")
    assert response.status_code == 400
    assert f"Give the “{key}” year only once." in _text(response)
    assert _as_set(_years_shown(response)) == ALL


@pytest.mark.parametrize("page", PAGES)
def test_a_bad_end_makes_the_whole_range_ignored(client, rows, page):
    response = client.get(reverse(page), {"from": "2004", "to": "abc"})
    assert response.status_code == 400
    assert "Enter a whole number." in _text(response)
    assert _as_set(_years_shown(response)) == ALL


@pytest.mark.parametrize("page", PAGES)
def test_an_open_ended_range_filters_from_one_side(client, rows, page):
    response = client.get(reverse(page), {"from": "2004"})
    assert response.status_code == 200
    assert _as_set(_years_shown(response)) == {2005, 2010}


def test_other_filters_still_apply_when_the_range_is_ignored(client, rows):
    deployment(year=2005, country="NP", team="forensic")
    response = client.get(
        reverse("deployments:disaster_relief"), {"from": "2006", "to": "2004", "team": "forensic"}
    )
    assert response.status_code == 400
    assert [row[0].text for row in response.context["jdr_rows"]] == ["March 2005"]


def test_any_filter_given_twice_is_explained(client, rows):
    response = client.get(f"{reverse('deployments:disaster_relief')}?team=rescue&team=forensic")
    assert response.status_code == 400
    assert "Team: Give “team” only once." in _text(response)
    assert _as_set(_years_shown(response)) == ALL


@pytest.mark.parametrize("csv", CSVS)
@pytest.mark.parametrize(
    "query", ["from=2006&to=2004", "from=2004&from=2006", "to=2004&to=2006", "from=2004&to=x"]
)
def test_csv_downloads_refuse_what_the_page_explains(client, rows, csv, query):
    response = client.get(f"{reverse(csv)}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.parametrize("csv", CSVS)
def test_csv_downloads_honour_a_valid_range(client, rows, csv):
    response = client.get(reverse(csv), {"from": "2004", "to": "2006"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "2005" in body and "2000" not in body and "2010" not in body
