"""Site search: what it finds, grouped and counted, and how it treats odd or hostile queries.

Runs unchanged on SQLite and PostgreSQL (DATABASE_URL), like the rest of the suite.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from deployments.choices import DisasterType
from pages.models import Status
from pages.search import MAX_TERMS, RESULTS_PER_KIND, search
from tests.builders import (
    deployment,
    dispatch,
    make_page,
    make_program,
    make_scheme,
    make_section,
    many_deployments,
)

pytestmark = pytest.mark.django_db

with translation.override("en"):
    SEARCH = reverse("pages:search")


@pytest.fixture
def content():
    """A little of everything, with "Nepal" and "policing" in several kinds."""
    deployment(year=2015, month=4, country="NP", persons=23)
    deployment(year=2018, month=2, country="TW", persons=2)
    deployment(year=2004, month=12, country="TH", disaster=DisasterType.TSUNAMI, persons=20)
    dispatch(country="ID", start_year=2018, field_of_work="community policing")
    dispatch(country="TL", start_year=2013, field_of_work="community policing advice")
    dispatch(country="TR", beneficiary="AF", start_year=2011, field_of_work="judo instruction")
    scheme = make_scheme(name="JICA group programs")
    make_program("Community Policing", scheme=scheme)
    make_program("Control of Drug Offenses", scheme=scheme)
    make_program("Unpublished policing course", scheme=scheme, published=False)
    relief = make_page("Relief teams", summary="Officials sent after earthquakes.")
    make_section(relief, heading="Nepal", body="Police officials went to Nepal in 2015.")
    make_page("About", summary="Who we are.")
    secret = make_page("Secret Nepal plan", status=Status.DRAFT)
    make_section(secret, body="Policing in Nepal, not yet public.")
    hidden_parent = make_page("Hidden", status=Status.DRAFT)
    make_page("Nepal child of a draft", parent=hidden_parent)


def counts(text):
    return {group.slug: group.count for group in search(text)}


def titles(text, slug):
    group = next(group for group in search(text) if group.slug == slug)
    return [result.title for result in group.results]


def test_country_is_found_by_its_name(content):
    assert counts("Nepal") == {"pages": 1, "programs": 0, "deployments": 1, "dispatches": 0}
    assert titles("nepal", "deployments") == ["April 2015: Rescue team to Nepal"]
    assert titles("Timor", "dispatches") == ["Timor-Leste: community policing advice"]


def test_dispatch_is_found_by_the_country_it_served(content):
    assert titles("Afghanistan", "dispatches") == ["Türkiye: judo instruction"]


def test_disaster_and_field_of_work_are_found(content):
    assert counts("earthquake")["deployments"] == 2
    assert counts("tsunami") == {"pages": 0, "programs": 0, "deployments": 1, "dispatches": 0}
    assert counts("policing") == {"pages": 0, "programs": 1, "deployments": 0, "dispatches": 2}


def test_every_word_must_match(content):
    assert counts("Nepal earthquake")["deployments"] == 1
    assert counts("Taiwan tsunami")["deployments"] == 0
    assert titles("community Indonesia", "dispatches") == ["Indonesia: community policing"]


def test_page_title_summary_and_section_text_are_searched(content):
    assert titles("Relief teams", "pages") == ["Relief teams"]
    assert titles("after earthquakes", "pages") == ["Relief teams"]
    assert titles("went to Nepal", "pages") == ["Relief teams"]


def test_drafts_and_unpublished_programs_are_never_found(content, client, staff_client):
    assert "Secret" not in str(search("Secret"))
    assert counts("Secret")["pages"] == 0
    assert counts("child of a draft")["pages"] == 0
    assert counts("Unpublished")["programs"] == 0
    for who in (client, staff_client):
        html = who.get(SEARCH, {"q": "Nepal"}).content.decode()
        assert "Secret Nepal plan" not in html and "child of a draft" not in html


def test_results_page_groups_by_kind_with_counts(client, content):
    response = client.get(SEARCH, {"q": "policing"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 results for “policing”." in html
    assert re.search(r'href="#results-programs">Training programs</a> \(1\)', html)
    assert re.search(r'href="#results-dispatches">Expert dispatches</a> \(2\)', html)
    assert 'id="results-pages"' not in html  # no empty groups
    assert f'href="{reverse("programs:detail", args=["community-policing"])}"' in html


def test_no_results_explains_what_to_try(client, content):
    html = client.get(SEARCH, {"q": "zzzz"}).content.decode()
    assert "0 results for “zzzz”." in html
    assert "Try another word" in html


@pytest.mark.parametrize("query", ["", "   ", None])
def test_empty_query_shows_the_form_and_a_hint(client, query):
    response = client.get(SEARCH, {} if query is None else {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="search-q"' in html and "Type a word or two" in html


def test_one_character_query_is_answered_with_bounded_lists(client):
    many_deployments(RESULTS_PER_KIND + 10)  # France and Germany both contain "a"
    response = client.get(SEARCH, {"q": "a"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"The first {RESULTS_PER_KIND} of {RESULTS_PER_KIND + 10} are listed" in html
    group = response.context["groups"][2]
    assert group.count == RESULTS_PER_KIND + 10 and len(group.results) == RESULTS_PER_KIND


def test_huge_query_is_refused_with_a_clear_message_before_any_search(client):
    # 360 characters: past the search's own limit (gunicorn refuses addresses over 4094 bytes).
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, {"q": "Nepal " * 60})
    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()
    # Only the session/user look-ups of the middleware, no search query.
    assert not any("deployments_" in query["sql"] for query in queries.captured_queries)


def test_many_words_are_cut_to_a_bounded_number(client, content):
    words = " ".join(f"w{index}" for index in range(40))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, {"q": words})
    assert response.status_code == 200
    assert f"Only the first {MAX_TERMS} words were used." in response.content.decode()
    assert len(queries) <= 12


def test_query_count_does_not_depend_on_the_number_of_results(client, content):
    with CaptureQueriesContext(connection) as few:
        client.get(SEARCH, {"q": "a"})
    many_deployments(120)
    with CaptureQueriesContext(connection) as many:
        response = client.get(SEARCH, {"q": "a"})
    assert response.context["total"] > 120
    assert len(many) == len(few) <= 12


@pytest.mark.parametrize(
    "query",
    [
        "日本の警察",
        "🚓 🚨",
        "Türkiye",
        "e\u0301",  # e + combining accent
        "\u202eetad",  # right-to-left override
        "%",
        "_",
        "\\",
        "'; DROP TABLE pages_page; --",
        '<script>alert("x")</script>',
        "[[jdr.deployments]]",
        "\ufffd",
    ],
)
def test_odd_queries_never_fail_and_are_escaped(client, content, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html


def test_like_wildcards_are_searched_literally(content):
    assert sum(counts("%").values()) == 0
    assert sum(counts("_").values()) == 0


def test_non_ascii_country_name_is_found(content):
    assert titles("Türkiye", "dispatches") == ["Türkiye: judo instruction"]
    assert counts("日本") == {"pages": 0, "programs": 0, "deployments": 0, "dispatches": 0}


def test_nul_character_is_a_400_not_a_500(client):
    response = client.get(SEARCH + "?q=Ne%00pal")
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


def test_bad_utf8_in_the_address_is_handled(client):
    response = client.get(SEARCH + "?q=%ED%A0%80%FF")
    assert response.status_code == 200


def test_header_search_box_on_every_page_submits_to_the_search(client):
    html = client.get("/en/").content.decode()
    assert f'<form class="site-search" role="search" method="get" action="{SEARCH}">' in html
    assert 'maxlength="200"' in html


def test_eight_one_letter_words_stay_within_the_database_limits(client, content):
    """Each letter matches most country names: thousands of codes, still one query per kind."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, {"q": "a e i o u n r t"})
    assert response.status_code == 200
    assert len(queries) <= 12
