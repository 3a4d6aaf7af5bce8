"""Live data blocks: the same tables and figures as their own data pages, following the data."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deployments.models import DisasterDeployment
from pages.models import Block
from programs.models import Program
from tests.builders import (
    deployment,
    dispatch,
    make_figure,
    make_page,
    make_program,
    make_scheme,
    make_section,
)
from tests.html_parsing import id_problems, parse_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    scheme = make_scheme(name="JICA group programs")
    other = make_scheme(name="Police-run programs")
    community = make_program("Community Policing", scheme=scheme)
    make_figure(community, year=2019, participants=15, countries=15)
    make_figure(community, year=2020, participants=9, countries=8)
    make_figure(make_program("Judo", scheme=other), year=2020, participants=4, countries=4)
    deployment(year=2015, month=4, country="NP", persons=23)
    deployment(year=2018, month=2, country="TW", persons=2)
    dispatch(country="ID", start_year=2018, field_of_work="community policing")
    dispatch(country="TL", start_year=2013, end_year=2016, field_of_work="community policing")
    return scheme


@pytest.fixture
def page(data):
    page = make_page("Cooperation")
    make_section(page, heading="Programs", block=Block.PROGRAMS_TABLE, scheme=data)
    make_section(page, heading="Relief", block=Block.DISASTER_RELIEF)
    make_section(page, heading="Experts", block=Block.EXPERT_DISPATCHES)
    make_section(page, heading="Figures", block=Block.KEY_FIGURES)
    return page


def tables(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return parse_tables(response.content).tables


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_programs_block_shows_the_same_table_as_the_programs_page_for_its_scheme(client, page):
    on_page = tables(client, page.get_absolute_url())
    on_programs = tables(client, reverse("programs:index"))
    assert on_page[0] in on_programs
    assert "Judo" not in str(on_page[0])  # only the chosen scheme
    assert any("Community Policing" in row for row in on_page[0])


def test_relief_and_dispatch_blocks_show_the_same_tables_as_their_pages(client, page):
    on_page = tables(client, page.get_absolute_url())
    relief = tables(client, reverse("deployments:disaster_relief"))
    dispatches = tables(client, reverse("deployments:expert_dispatches"))
    for table in relief + dispatches:
        assert table in on_page


def test_key_figures_block_shows_the_home_page_figures(client, page):
    html = client.get(page.get_absolute_url()).content.decode()
    home = client.get("/en/").content.decode()
    block = re.search(r'<dl class="key-figures">.*?</dl>', html, re.S).group(0)
    assert block == re.search(r'<dl class="key-figures">.*?</dl>', home, re.S).group(0)
    assert "Disaster relief deployments since April 2015 2" in _text(block)


def test_blocks_follow_changes_in_the_data(client, page):
    before = _text(client.get(page.get_absolute_url()).content.decode())
    assert "Police officials sent with relief teams 25" in before
    assert "Mexico" not in before
    deployment(year=2017, month=9, country="MX", persons=23)
    DisasterDeployment.objects.filter(country="TW").update(persons=3)
    after_html = client.get(page.get_absolute_url()).content.decode()
    after = _text(after_html)
    assert "Police officials sent with relief teams 49" in after
    assert "Disaster relief deployments since April 2015 3" in after
    assert "Mexico" in after
    relief = tables(client, reverse("deployments:disaster_relief"))
    assert all(table in parse_tables(after_html).tables for table in relief)


def test_blocks_ignore_the_content_page_query_string(client, page):
    plain = tables(client, page.get_absolute_url())
    filtered = tables(client, page.get_absolute_url() + "?country=NP&from=2020&sort=-persons")
    assert plain == filtered


def test_several_blocks_on_one_page_keep_ids_unique(client, page):
    make_section(page, heading="Relief again", block=Block.DISASTER_RELIEF)
    make_section(page, heading="Experts again", block=Block.EXPERT_DISPATCHES)
    duplicates, dangling = id_problems(client.get(page.get_absolute_url()).content.decode())
    assert not duplicates
    assert not dangling


def test_a_block_costs_the_same_queries_as_on_its_own_page(client, data):
    """Each block runs its data page's constant query set, whatever the number of rows."""
    page = make_page("Relief only")
    make_section(page, heading="Relief", block=Block.DISASTER_RELIEF)
    client.get(page.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(page.get_absolute_url())
    for year in range(1990, 2010):
        deployment(year=year, month=1, country="FR")
    with CaptureQueriesContext(connection) as many:
        response = client.get(page.get_absolute_url())
    assert "France" in response.content.decode()
    assert len(many) == len(few)


def _paragraphs(html):
    """Each paragraph's text as a reader sees it: tags gone, white space run together."""
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", body)).strip()
        for body in re.findall(r"<p\b[^>]*>(.*?)</p>", html, flags=re.S)
    ]


def test_japanese_sentences_are_joined_without_a_space_and_english_ones_with_one(client, page):
    urls = [
        page.get_absolute_url(),
        reverse("deployments:disaster_relief"),
        reverse("deployments:expert_dispatches"),
        Program.objects.get(name_en="Community Policing").get_absolute_url(),
    ]
    for url in urls:
        english = _paragraphs(client.get(url).content.decode())
        japanese = _paragraphs(client.get(url.replace("/en/", "/ja/", 1)).content.decode())
        assert any(". " in text for text in english), url
        assert any("。" in text[:-1] for text in japanese), url
        assert [text for text in japanese if "。 " in text] == [], url
