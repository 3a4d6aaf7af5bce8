"""sitemap.xml: published pages, data pages, programs and country pages; nothing else."""

import re

import pytest
from django.urls import reverse

from pages.models import HOME_SLUG, Status
from tests.builders import deployment, dispatch, make_page, make_program

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def test_sitemap_lists_published_pages_only(client):
    published = make_page("About")
    child = make_page("History", parent=published)
    draft = make_page("Plans", status=Status.DRAFT)
    under_draft = make_page("Hidden child", parent=draft)
    urls = locations(client)
    assert BASE + published.get_absolute_url() in urls
    assert BASE + child.get_absolute_url() in urls
    assert BASE + draft.get_absolute_url() not in urls
    assert BASE + under_draft.get_absolute_url() not in urls


def test_publishing_adds_a_page_and_unpublishing_removes_it(client):
    page = make_page("Plans", status=Status.DRAFT)
    assert BASE + page.get_absolute_url() not in locations(client)
    page.status = Status.PUBLISHED
    page.save()
    assert BASE + page.get_absolute_url() in locations(client)


@pytest.mark.parametrize("intro", [None, Status.PUBLISHED, Status.DRAFT])
def test_sitemap_lists_the_home_page_once_and_every_data_page(client, intro):
    if intro:
        make_page("Welcome", slug=HOME_SLUG, status=intro)
    urls = locations(client)
    assert urls.count(BASE + "/en/") == urls.count(BASE + "/ja/") == 1
    assert BASE + "/en/home/" not in urls and BASE + "/ja/home/" not in urls
    for name in (
        "programs:index",
        "deployments:disaster_relief",
        "deployments:expert_dispatches",
        "deployments:country_list",
    ):
        assert BASE + reverse(name) in urls


def test_sitemap_lists_published_programs_and_every_country_page(client):
    shown = make_program("Community Policing")
    hidden = make_program("Unpublished", published=False)
    deployment(country="NP")
    dispatch(country="TL")
    urls = locations(client)
    assert BASE + shown.get_absolute_url() in urls
    assert BASE + hidden.get_absolute_url() not in urls
    for code in ("np", "tl"):
        assert BASE + reverse("deployments:country_detail", args=[code]) in urls
    assert len(urls) == len(set(urls))


def test_every_sitemap_address_opens(client):
    make_page("About")
    make_program("Community Policing")
    deployment(country="NP")
    for url in locations(client):
        assert client.get(url.removeprefix(BASE)).status_code == 200, url


def test_robots_txt_names_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {BASE}/sitemap.xml" in body
