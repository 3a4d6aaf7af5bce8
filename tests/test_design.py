"""Site-wide design rules: page titles, the favicon, no inline style or script, the menu."""

import re

import pytest
from django.core.exceptions import SuspiciousOperation
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import path

from deployments import sample_data as deployments_sample
from npa_portal import urls as project_urls
from pages import sample_data as pages_sample
from programs import sample_data as programs_sample

SUFFIX = " - NPA International Cooperation"
PUBLIC_PAGES = [
    "/",
    "/programs/",
    "/programs/?from=2018&to=2019",
    "/programs/community-policing/",
    "/deployments/disaster-relief/",
    "/deployments/expert-dispatches/",
    "/countries/",
    "/countries/id/",
    "/international-cooperation/",
    "/search/?q=police",
]


@pytest.fixture
def sample(db):
    programs_sample.load()
    deployments_sample.load()
    pages_sample.load()


def title(html):
    return re.search(r"<title>(.*?)</title>", html, flags=re.S).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_has_a_titled_head_and_no_inline_style_or_script(client, sample, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert title(html).endswith(SUFFIX)
    assert len(title(html)) > len(SUFFIX)
    assert 'rel="icon"' in html
    assert "style=" not in html and "<style" not in html
    # Scripts, if any, come from files: no inline code for the CSP to refuse.
    assert all('src="' in tag for tag in re.findall(r"<script\b[^>]*>", html))
    assert '<details class="site-menu">' in html
    assert 'class="skip-link" href="#main"' in html


def raise_suspicious(request):
    raise SuspiciousOperation("test")


urlpatterns = [path("test-400/", raise_suspicious), *project_urls.urlpatterns]
handler400 = project_urls.handler400


@pytest.mark.django_db
@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_error_pages_are_titled_like_every_other_page(client):
    assert title(client.get("/no-such-page/").content.decode()) == "Page not found" + SUFFIX
    assert title(client.get("/programs/?from=x").content.decode()).endswith(SUFFIX)
    assert title(render_to_string("500.html")) == "Server error" + SUFFIX
    assert title(client.get("/test-400/").content.decode()) == "Bad request" + SUFFIX


@pytest.mark.django_db
def test_favicon_ico_leads_to_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith(".svg")
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_wide_table_scrolls_in_a_labelled_focusable_region_with_a_hint(client, sample):
    html = client.get("/programs/").content.decode()
    regions = re.findall(r'<div class="table-scroll"[^>]*>', html)
    assert regions
    for region in regions:
        assert 'role="region"' in region and 'tabindex="0"' in region
        assert "aria-labelledby=" in region or "aria-label=" in region
    assert "Scroll the table sideways" in html
