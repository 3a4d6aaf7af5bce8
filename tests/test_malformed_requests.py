"""Robustness: random and malformed requests to every public URL never answer a 5xx.

Also the plain rules: wrong methods 405, unknown paths the styled 404, oversized or NUL-laden
addresses 400.
"""

import csv
import io
from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# Every public address, with the parameters it reads. test_every_public_route_is_listed fails
# when a new route appears, so that it gets its share of hostile requests here.
PUBLIC_URLS = {
    "/": ["q"],
    "/en/": ["q"],
    "/ja/": ["q"],
    "/i18n/switch/en/": ["next"],
    "/programs/": ["from", "to"],
    "/en/programs/": ["from", "to"],
    "/en/programs/figures.csv": ["from", "to", "bom"],
    "/en/programs/table.csv": ["from", "to", "bom"],
    "/en/programs/figures.xlsx": ["from", "to"],
    "/en/programs/table.xlsx": ["from", "to"],
    "/en/programs/figures/columns/": [],
    "/en/programs/table/columns/": [],
    "/en/programs/forensic-science/": [],
    "/en/deployments/disaster-relief/": ["from", "to", "disaster", "team", "country", "sort"],
    "/en/deployments/disaster-relief.csv": ["from", "to", "disaster", "team", "country", "sort"],
    "/en/deployments/expert-dispatches/": ["from", "to", "country"],
    "/en/deployments/expert-dispatches.csv": ["from", "to", "country", "bom"],
    "/en/deployments/disaster-relief.xlsx": ["from", "to", "disaster", "team", "country", "sort"],
    "/en/deployments/expert-dispatches.xlsx": ["from", "to", "country"],
    "/en/deployments/disaster-relief/columns/": [],
    "/en/deployments/expert-dispatches/columns/": [],
    "/en/countries/": [],
    "/en/countries/id/": [],
    "/en/search/": ["q"],
    "/sitemap.xml": ["p", "section"],
    "/robots.txt": [],
    "/en/about/": ["sort"],
    "/healthz": [],
    "/favicon.ico": [],
    "/countries.csv": ["bom"],
    "/api/v1/": [],
    "/api/v1/openapi.json": [],
    "/api/v1/docs/": [],
    "/api/v1/schemes": ["limit", "offset"],
    "/api/v1/programs": ["from", "to", "scheme", "limit", "offset"],
    "/api/v1/programs/forensic-science": [],
    "/api/v1/figures": ["from", "to", "scheme", "program", "limit", "offset"],
    "/api/v1/deployments": ["from", "to", "disaster", "team", "country", "sort", "limit"],
    "/api/v1/dispatches": ["from", "to", "country", "limit", "offset"],
    "/api/v1/countries": ["limit", "offset"],
    "/api/v1/countries/tr": [],
    "/api/v1/pages": ["limit", "offset"],
    "/open-data/": [],
    "/catalog.jsonld": [],
    "/datapackage.json": [],
    "/open-data/feeds/disaster-relief.atom": [],
    "/open-data/feeds/pages.atom": [],
}
ROUTES_COVERED = {
    "healthz",
    "favicon",
    "programs:index",
    "programs:figures_csv",
    "programs:table_csv",
    "programs:figures_xlsx",
    "programs:table_xlsx",
    "programs:figures_columns",
    "programs:table_columns",
    "programs:detail",
    "deployments:disaster_relief",
    "deployments:disaster_relief_csv",
    "deployments:expert_dispatches",
    "deployments:expert_dispatches_csv",
    "deployments:disaster_relief_xlsx",
    "deployments:expert_dispatches_xlsx",
    "deployments:disaster_relief_columns",
    "deployments:expert_dispatches_columns",
    "deployments:country_list",
    "deployments:country_detail",
    "pages:home",
    "pages:search",
    "sitemap",
    "robots_txt",
    "choose_language",
    "switch_language",
    "old_address",
    "pages:page",
    "deployments:country_list_csv",
    "api:api-root",
    "api:openapi-json",
    "api:openapi-view",
    "api:schemes",
    "api:programs",
    "api:program_detail",
    "api:figures",
    "api:deployments",
    "api:dispatches",
    "api:country_list",
    "api:country_detail",
    "api:pages",
    "opendata:index",
    "metadata:catalog",
    "metadata:datapackage",
    "opendata:deployment_feed",
    "opendata:page_feed",
    "translation_status",  # staff only, under the admin's prefix (tests/test_i18n_content.py)
    "library:file",  # the media library's files (tests/test_library_pages.py); paths fuzzed below
}


def _route_names(resolver, namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _route_names(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else str(entry.pattern)


def test_every_public_route_is_listed():
    assert set(_route_names(get_resolver())) == ROUTES_COVERED


def check_answer(response, url):
    assert response.status_code < 500, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    if "text/html" in content_type or "text/plain" in content_type:
        body.decode("utf-8")  # raises if not valid UTF-8
    if "text/csv" in content_type and response.status_code == 200:
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert rows and all(len(row) == len(rows[0]) for row in rows), url


# Hypothesis: random query strings, paths and headers.

any_text = st.text(max_size=40)
queries = st.lists(
    st.tuples(
        st.sampled_from(
            ["from", "to", "country", "sort", "q", "bom", "x", "next", "limit", "offset"]
        ),
        any_text,
    ),
    max_size=4,
)
raw_queries = st.text(
    alphabet=st.sampled_from(list("&=%;+?#[]az09-_.~'\"<> \\\u00e9\u2603")), max_size=60
)
HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@HYPOTHESIS
@given(url=st.sampled_from(list(PUBLIC_URLS)), params=queries)
def test_random_parameters_never_5xx(world, url, params):
    check_answer(Client().get(url, params), url)


@HYPOTHESIS
@given(url=st.sampled_from(list(PUBLIC_URLS)), raw=raw_queries)
def test_malformed_query_strings_never_5xx(world, url, raw):
    check_answer(Client().get(f"{url}?{raw}"), url)


@HYPOTHESIS
@given(
    prefix=st.sampled_from(
        [
            "/",
            "/en/",
            "/ja/",
            "/programs/",
            "/en/programs/",
            "/ja/countries/",
            "/en/about/",
            "/media/library/",
        ]
    ),
    tail=st.text(max_size=30),
    slash=st.booleans(),
)
def test_random_paths_never_5xx(world, prefix, tail, slash):
    path = prefix + quote(tail, safe="/") + ("/" if slash else "")
    check_answer(Client().get(path), path)


header_values = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60
) | st.sampled_from(["", "gzip", "*", 'W/"x"', "Mon, 01 Jan 1990 00:00:00 GMT", "ja,en;q=0.5"])


@HYPOTHESIS
@given(
    url=st.sampled_from(list(PUBLIC_URLS)),
    headers=st.dictionaries(
        st.sampled_from(
            [
                "HTTP_ACCEPT",
                "HTTP_ACCEPT_LANGUAGE",
                "HTTP_ACCEPT_ENCODING",
                "HTTP_IF_NONE_MATCH",
                "HTTP_IF_MODIFIED_SINCE",
                "HTTP_COOKIE",
                "HTTP_X_FORWARDED_FOR",
                "HTTP_X_FORWARDED_PROTO",
                "HTTP_REFERER",
                "HTTP_USER_AGENT",
                "HTTP_RANGE",
                "HTTP_HOST",
            ]
        ),
        header_values,
        max_size=4,
    ),
)
def test_random_headers_never_5xx(world, url, headers):
    check_answer(Client().get(url, **headers), url)


@pytest.mark.parametrize("url", list(PUBLIC_URLS))
def test_random_requests_with_the_page_cache_on(world, url, settings):
    # The same answers with the cache serving them: a miss, then a hit, both sane.
    settings.PAGE_CACHE_ENABLED = True
    from django.core.cache import cache

    cache.clear()
    for _ in range(2):
        check_answer(Client().get(url, HTTP_ACCEPT_ENCODING="identity"), url)
    cache.clear()


# Plain rules.


@pytest.mark.parametrize("url", [u for u in PUBLIC_URLS if u != "/healthz"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_wrong_methods_answer_405(world, url, method):
    response = getattr(Client(), method)(url)
    assert response.status_code == 405, (method, url)
    assert "GET" in response["Allow"]


def test_head_and_options_are_fine(world):
    assert Client().head("/en/programs/").status_code == 200


def test_unknown_paths_get_the_styled_404(world):
    for path in (
        "/en/no-such-page/",
        "/en/programs/no-such-program/",
        "/en/countries/zz/",
        "/en/a/b/c/d/",
        "/no-such-page/",
    ):
        response = Client(HTTP_ACCEPT_LANGUAGE="en").get(path)
        assert response.status_code == 404, path
        assert b"Page not found" in response.content
        assert b'class="site-header"' in response.content
    # In Japanese under /ja/, and outside the prefixes for a visitor who reads Japanese.
    for path, headers in (
        ("/ja/no-such-page/", {}),
        ("/no-such-page/", {"HTTP_ACCEPT_LANGUAGE": "ja"}),
    ):
        response = Client(**headers).get(path)
        assert response.status_code == 404, path
        assert b'<html lang="ja">' in response.content
        assert b'class="site-header"' in response.content


@pytest.mark.parametrize(
    "url, query",
    [
        ("/en/search/", "q=" + "a" * 600),  # longer than the search form takes
        ("/en/programs/", "from=" + "9" * 600),  # no such year
        (
            "/en/programs/",
            "&".join(f"p{n}=1" for n in range(1200)),
        ),  # DATA_UPLOAD_MAX_NUMBER_FIELDS
        ("/en/search/", "q=%00"),  # the forms' CharField refuses NUL
        ("/en/programs/", "from=2019%00"),
        ("/en/deployments/disaster-relief.csv", "country=I%00"),
        ("/en/deployments/disaster-relief/", "sort=%00"),
    ],
)
def test_oversized_or_nul_parameters_answer_400_from_django_and_the_forms(world, url, query):
    # No middleware of ours: Django and each page's form refuse these.
    assert Client().get(f"{url}?{query}").status_code == 400, (url, query[:30])


@pytest.mark.parametrize("query", ["x=%00", "%00=1", "x=" + "a" * 3000])
def test_unknown_parameters_are_ignored_whatever_they_hold(world, query):
    # They never reach a form or the database; an address longer than 4094 bytes is refused
    # by gunicorn before Django sees it (test_gunicorn_limits_the_request_line).
    assert Client().get(f"/en/programs/?{query}").status_code == 200


def test_gunicorn_limits_the_request_line():
    makefile = (Path(__file__).parent.parent / "Makefile").read_text()
    serve = next(line for line in makefile.splitlines() if "gunicorn npa_portal.wsgi" in line)
    assert "--limit-request-line 4094" in serve


def test_nul_in_the_path_answers_400_or_404(world):
    assert Client().get("/en/programs/%00/").status_code in (400, 404)


def test_a_long_but_reasonable_query_is_fine(world):
    assert Client().get("/en/search/", {"q": "a" * 200}).status_code == 200
