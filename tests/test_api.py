"""The JSON API: the pages' data, filters, validation, paging, caching headers and cost."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from deployments.forms import SORT_CHOICES, DisasterReliefFilterForm
from deployments.models import DisasterDeployment
from deployments.text import country_name
from pages.models import Status
from programs.models import AnnualFigure

from .builders import (
    deployment,
    dispatch,
    make_figure,
    make_many,
    make_page,
    make_program,
    many_deployments,
    many_dispatches,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(db):
    call_command("load_sample_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


def get(client, name, *args, **params):
    response = client.get(reverse(f"api:{name}", args=args), params)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response


def every_result(client, name, **params):
    """Follow `next` from the first page to the last; every row once, in order."""
    response = get(client, name, **params)
    body = response.json()
    rows = list(body["results"])
    while body["next"]:
        body = client.get(body["next"]).json()
        rows += body["results"]
    return rows


# The data, and the published rule.


def test_figures_are_the_published_figures_in_table_order(client, sample):
    hidden = make_program("Not yet announced", published=False)
    make_figure(hidden, year=2019)
    rows = every_result(client, "figures", limit=7)
    expected = AnnualFigure.objects.published().in_table_order()
    assert [(r["program"], r["year"], r["participants"], r["countries"]) for r in rows] == [
        (f.program.slug, f.year, f.participants, f.countries) for f in expected
    ]
    assert "not-yet-announced" not in {r["program"] for r in rows}
    assert len(rows) == expected.count() > 0


def test_unpublished_program_is_not_found(client):
    make_program("Secret", published=False)
    response = get(client, "program_detail", "secret")
    assert response.status_code == 404
    assert response.json() == {"detail": "No published program has this slug."}
    assert get(client, "programs").json()["count"] == 0


def test_program_detail_lists_its_figures_and_totals(client):
    program = make_program("Forensic Science")
    make_figure(program, year=2018, participants=10, countries=5)
    make_figure(program, year=2020, participants=7, countries=3)
    body = get(client, "program_detail", program.slug).json()
    assert [(f["year"], f["participants"]) for f in body["figures"]] == [(2018, 10), (2020, 7)]
    assert body["total_participants"] == 17
    assert (body["first_year"], body["latest_year"], body["years_run"]) == (2018, 2020, 2)
    assert body["url"] == "http://testserver" + program.get_absolute_url()


def test_draft_pages_and_pages_under_drafts_are_left_out(client):
    public = make_page("About us")
    draft = make_page("Coming soon", status=Status.DRAFT)
    make_page("Child", parent=draft)
    rows = get(client, "pages").json()["results"]
    assert [row["id"] for row in rows] == [public.pk]
    assert rows[0]["title_en"] == "About us"
    assert rows[0]["url"] == "http://testserver/en/about-us/"


def test_country_has_everything_for_that_country(client):
    deployment(country="TR", year=2023, month=2, persons=23)
    dispatch(country="TR", start_year=2019)
    dispatch(country="TR", beneficiary="AF", start_year=2012, field_of_work="training")
    body = get(client, "country_detail", "tr").json()
    assert (body["code"], body["deployments"], body["persons"]) == ("TR", 1, 23)
    assert body["dispatches_hosted"] == 2
    assert [d["persons"] for d in body["disaster_relief_deployments"]] == [23]
    afghanistan = get(client, "country_detail", "AF").json()
    assert afghanistan["dispatches_benefiting"] == 1
    assert afghanistan["dispatches_benefiting_list"][0]["country"] == "TR"
    assert get(client, "country_detail", "zz").status_code == 404
    assert get(client, "country_detail", "fr").status_code == 404  # no activity


def test_countries_list_matches_the_countries_page(client, sample):
    rows = every_result(client, "country_list")
    page = client.get(reverse("deployments:country_list")).content.decode()
    assert rows
    for row in rows:
        assert f'href="/en/countries/{row["code"].lower()}/"' in page


# Filters: the pages' own forms.


def test_deployment_filters_and_sort_are_the_pages(client, sample):
    body = get(client, "deployments", disaster="earthquake", sort="-persons").json()
    expected = DisasterDeployment.objects.filter(disaster="earthquake")
    assert body["count"] == expected.count()
    persons = [row["persons"] for row in body["results"]]
    assert persons == sorted(persons, reverse=True)
    years = get(client, "deployments", **{"from": 2000, "to": 2010}).json()["results"]
    assert years and all(2000 <= row["year"] <= 2010 for row in years)
    turkey = get(client, "deployments", country="tr").json()["results"]
    assert turkey and {row["country"] for row in turkey} == {"TR"}


def sorted_as_the_page_sorted(rows, sort_key):
    """The page's order before the database sorted it: rows fetched, then sorted in Python by
    the names a visitor reads (a stable sort, so ties keep the table's order)."""
    keys = {
        "date": lambda d: (d.year, d.month),
        "country": lambda d: (country_name(d.country), d.year, d.month),
        "disaster": lambda d: (d.get_disaster_display(), d.year, d.month),
        "team": lambda d: (d.get_team_display(), d.year, d.month),
        "persons": lambda d: (d.persons, d.year, d.month),
    }
    key = keys[sort_key.lstrip("-")]
    return sorted(rows, key=key, reverse=sort_key.startswith("-"))


SORT_KEYS = [key for key, _label in SORT_CHOICES]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_database_sorts_deployments_as_the_page_did(sample, language):
    # Ties on every key: two teams in one month, the same persons in two countries.
    deployment(year=2015, month=4, country="NP", team="forensic", persons=5)
    deployment(year=2015, month=4, country="IN", team="rescue", persons=5)
    with translation.override(language):
        for sort_key in SORT_KEYS:
            form = DisasterReliefFilterForm({"sort": sort_key})
            assert form.is_valid()
            expected = sorted_as_the_page_sorted(DisasterDeployment.objects.all(), sort_key)
            ordered = list(form.ordered(DisasterDeployment.objects.all()))
            assert [row.pk for row in ordered] == [row.pk for row in expected], sort_key


@pytest.mark.parametrize("sort_key", SORT_KEYS)
def test_api_deployments_are_in_the_order_of_the_page(client, sample, sort_key):
    rows = every_result(client, "deployments", sort=sort_key, limit=4)
    with translation.override("en"):
        expected = sorted_as_the_page_sorted(DisasterDeployment.objects.all(), sort_key)
    assert [row["id"] for row in rows] == [row.pk for row in expected]


def test_api_deployments_read_only_the_rows_of_the_page(client):
    many_deployments(40)
    with CaptureQueriesContext(connection) as queries:
        body = get(client, "deployments", sort="country", limit=5).json()
    assert body["count"] == 40 and len(body["results"]) == 5
    selects = [q["sql"] for q in queries.captured_queries if "persons" in q["sql"]]
    assert len(selects) == 1 and "LIMIT 5" in selects[0]


def test_dispatch_filters_are_the_pages(client):
    dispatch(country="ID", start_year=2010, end_year=2014)
    dispatch(country="TL", start_year=2018)
    body = get(client, "dispatches", **{"from": 2012, "to": 2013}).json()
    assert [row["country"] for row in body["results"]] == ["ID"]
    assert get(client, "dispatches", country="TL").json()["count"] == 1


def test_figures_filter_by_years_scheme_and_program(client):
    program = make_program("Forensic Science")
    for year in (2017, 2018, 2019):
        make_figure(program, year=year)
    make_figure(make_program("Other"), year=2018)
    body = get(client, "figures", program=program.slug, **{"from": 2018}).json()
    assert [row["year"] for row in body["results"]] == [2018, 2019]
    scheme = program.scheme.slug
    assert get(client, "figures", scheme=scheme, to=2018).json()["count"] == 3


@pytest.mark.parametrize(
    ("name", "params", "parameter"),
    [
        ("figures", {"from": "abc"}, "from"),
        ("figures", {"to": "99999999999999999999"}, "to"),
        ("figures", {"from": "2020", "to": "2010"}, "from"),
        ("figures", {"scheme": "no-such-scheme"}, "scheme"),
        ("figures", {"limit": "0"}, "limit"),
        ("figures", {"limit": "1001"}, "limit"),
        ("figures", {"offset": "-1"}, "offset"),
        ("programs", {"from": "1800"}, "from"),
        ("deployments", {"disaster": "meteor"}, "disaster"),
        ("deployments", {"team": "<script>"}, "team"),
        ("deployments", {"country": "XX"}, "country"),
        ("deployments", {"sort": "pk"}, "sort"),
        ("deployments", {"from": "1986"}, "from"),
        ("dispatches", {"country": "'; DROP TABLE x; --"}, "country"),
        ("dispatches", {"from": "1.5"}, "from"),
        ("pages", {"limit": "many"}, "limit"),
        ("countries", {"offset": "1e3"}, "offset"),
        ("schemes", {"limit": ["1", "2"]}, "limit"),
    ],
)
def test_bad_parameter_is_a_400_naming_it(client, name, params, parameter):
    url_name = {"countries": "country_list"}.get(name, name)
    response = get(client, url_name, **params)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "The query was not understood."
    assert parameter in [error["parameter"] for error in body["errors"]]
    assert all(error["message"] for error in body["errors"])


def test_the_api_and_the_page_refuse_the_same_values_with_the_same_message(client, sample):
    params = {"disaster": "meteor", "from": "abc"}
    api = get(client, "deployments", **params).json()["errors"]
    page = client.get(reverse("deployments:disaster_relief"), params)
    assert page.status_code == 400
    for error in api:
        assert error["message"] in page.content.decode().replace("&quot;", '"')


def test_program_totals_count_only_the_years_asked_for(client):
    program = make_program("Forensic Science")
    for year, participants in ((2017, 5), (2018, 7), (2019, 11), (2020, 13)):
        make_figure(program, year=year, participants=participants, countries=1)
    make_program("Never held")
    body = get(client, "programs", **{"from": 2018, "to": 2019}).json()
    assert [row["slug"] for row in body["results"]] == ["forensic-science"]
    row = body["results"][0]
    assert (row["years_run"], row["total_participants"]) == (2, 18)
    assert (row["first_year"], row["latest_year"]) == (2018, 2019)
    assert get(client, "programs").json()["count"] == 2


# Paging.


def test_pages_link_to_each_other_and_count_everything(client):
    many_dispatches(25)
    first = get(client, "dispatches", limit=3, country="ID").json()
    assert first["count"] == 7  # every 4th of 25 is in Indonesia
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/dispatches?country=ID&limit=3&offset=3"
    body = get(client, "dispatches", limit=10).json()
    second = client.get(body["next"]).json()
    assert second["previous"] == "http://testserver/api/v1/dispatches?limit=10"
    assert len(every_result(client, "dispatches", limit=10)) == 25


# Headers: CORS, ETag and 304, the page cache's mark.


def test_every_get_may_be_read_from_any_origin(client, sample):
    for name in ("figures", "deployments", "openapi-json"):
        assert get(client, name)["Access-Control-Allow-Origin"] == "*"
    assert get(client, "figures", limit="x")["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get(reverse("programs:index"))


def test_unchanged_answer_is_a_304_to_its_etag(client, sample):
    first = get(client, "figures")
    assert first.status_code == 200 and first["ETag"]
    again = client.get(reverse("api:figures"), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_only_the_canonical_address_is_marked_for_the_page_cache(client, sample):
    first = get(client, "deployments", limit=5, disaster="earthquake", **{"from": 1990})
    # The form's own order and no defaults: the addresses `next` links to.
    query = first.json()["next"].split("?")[1]
    assert query == "disaster=earthquake&limit=5&offset=5&from=1990"
    canonical = client.get(f"/api/v1/deployments?{query}")
    assert "public" in canonical["Cache-Control"]
    reordered = client.get("/api/v1/deployments?from=1990&offset=5&limit=5&disaster=earthquake")
    assert "public" not in reordered.get("Cache-Control", "")
    assert reordered.json() == canonical.json()


# The OpenAPI document and its documentation page.


def test_openapi_document_is_3_1_and_describes_every_endpoint(client):
    document = get(client, "openapi-json").json()
    assert document["openapi"] == "3.1.0"
    paths = document["paths"]
    for path in ("schemes", "programs", "figures", "deployments", "dispatches", "countries"):
        assert f"/api/v1/{path}" in paths
    assert "/api/v1/countries/{code}" in paths
    assert "/api/v1/pages" in paths
    parameters = {p["name"]: p for p in paths["/api/v1/deployments"]["get"]["parameters"]}
    assert parameters["from"]["schema"] == {"type": "integer", "minimum": 1987, "maximum": 2100}
    assert "tsunami" in parameters["disaster"]["schema"]["enum"]
    assert set(paths["/api/v1/figures"]["get"]["responses"]) == {"200", "400"}


def test_api_root_leads_to_the_documentation(client):
    response = client.get("/api/v1/")
    assert response.status_code == 302
    assert response["Location"] == reverse("api:openapi-view")


def test_documentation_page_runs_no_script_and_links_the_document(client):
    response = client.get(reverse("api:openapi-view"))
    html = response.content.decode()
    assert response.status_code == 200
    # The site's own static script at most: nothing inline, nothing from elsewhere.
    scripts = re.findall(r"<script[^>]*>", html)
    assert all(re.fullmatch(r'<script src="/static/[^"]+"( defer)?>', tag) for tag in scripts)
    assert "cdn" not in html.lower()
    assert 'href="/api/v1/openapi.json"' in html
    assert "/api/v1/deployments" in html and "disaster_label_en" in html


# Cost: a fixed number of queries, whatever the data size.


LIST_QUERIES = {
    "schemes": 2,
    "programs": 2,
    "figures": 2,
    "deployments": 2,
    "dispatches": 2,
    "country_list": 3,
    "pages": 2,
}


def _fill(scale):
    make_many(schemes=2, programs=5 * scale, years=3 * scale)
    many_deployments(30 * scale)
    many_dispatches(20 * scale)
    parent = make_page("Parent")
    for index in range(5 * scale):
        make_page(f"Page {index}", parent=parent)


@pytest.mark.parametrize("scale", [1, 10])
@pytest.mark.parametrize("name", sorted(LIST_QUERIES))
def test_list_endpoints_cost_the_same_queries_at_any_size(
    client, django_assert_num_queries, name, scale
):
    _fill(scale)
    with django_assert_num_queries(LIST_QUERIES[name]):
        response = get(client, name, limit=1000)
    assert response.status_code == 200
    assert response.json()["count"] > 0


def test_figures_filtered_by_scheme_and_program_add_their_lookups_only(
    client, django_assert_num_queries
):
    program = make_figure().program
    with django_assert_num_queries(4):  # the scheme, the program, the count, the page
        get(client, "figures", scheme=program.scheme.slug, program=program.slug)


# The page cache, as for the pages.


@pytest.fixture
def page_cache(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def test_answers_come_from_the_page_cache_until_an_edit(
    client, page_cache, django_capture_on_commit_callbacks
):
    from django.db import connection

    row = deployment(persons=5)
    connection.run_on_commit = []  # as if the fixture's rows had been committed long ago
    first = get(client, "deployments")
    second = get(client, "deployments")
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert second["Access-Control-Allow-Origin"] == "*"
    assert second["Last-Modified"] and second["ETag"]
    revisit = client.get(reverse("api:deployments"), headers={"If-None-Match": second["ETag"]})
    assert revisit.status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        row.persons = 6
        row.save()
    after = get(client, "deployments")
    assert after["X-Cache"] == "MISS"
    assert after.json()["results"][0]["persons"] == 6


# Every data page links its JSON twin.


@pytest.mark.parametrize(
    ("page", "twin"),
    [
        ("/en/programs/?from=2018", "/api/v1/figures?from=2018"),
        (
            "/en/deployments/disaster-relief/?disaster=earthquake",
            "/api/v1/deployments?disaster=earthquake",
        ),
        ("/en/deployments/expert-dispatches/?country=ID", "/api/v1/dispatches?country=ID"),
        ("/en/countries/", "/api/v1/countries"),
        ("/en/countries/tr/", "/api/v1/countries/tr"),
    ],
)
def test_data_page_links_its_json_twin_in_head_and_beside_the_downloads(client, sample, page, twin):
    html = client.get(page).content.decode()
    assert f'<link rel="alternate" type="application/json" href="{twin}">' in html
    assert f'<a href="{twin}" type="application/json">' in html
    assert client.get(twin).status_code == 200


def test_program_page_links_its_json_twin(client):
    program = make_figure().program
    html = client.get(program.get_absolute_url()).content.decode()
    twin = reverse("api:program_detail", args=[program.slug])
    assert f'<link rel="alternate" type="application/json" href="{twin}">' in html
    assert f'<a href="{twin}" type="application/json">' in html


def test_text_comes_in_both_languages_with_stable_names(client):
    program = make_program("Forensic Science", name_ja="鑑識")
    make_figure(program, year=2019, note="held online", note_ja="オンライン開催")
    deployment(country="TR", disaster="earthquake")
    figure = get(client, "figures").json()["results"][0]
    assert (figure["program_name_en"], figure["program_name_ja"]) == ("Forensic Science", "鑑識")
    assert (figure["note_en"], figure["note_ja"]) == ("held online", "オンライン開催")
    row = get(client, "deployments").json()["results"][0]
    assert row["disaster_label_en"] == "Earthquake" and row["disaster_label_ja"] == "地震"
    assert row["country_name_en"] == "Türkiye" and row["country_name_ja"] != "Türkiye"
    # The same answer whatever language the browser prefers: one address, one answer.
    japanese = client.get(reverse("api:deployments"), headers={"Accept-Language": "ja"})
    assert japanese.json()["results"][0] == row
