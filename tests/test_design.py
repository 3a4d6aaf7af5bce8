"""Site-wide design rules: page titles, the favicon, no inline style or script, the menu."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import SuspiciousOperation
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import path

from npa_portal import urls as project_urls

SUFFIX = " - NPA International Cooperation"
PUBLIC_PAGES = [
    "/en/",
    "/en/programs/",
    "/en/programs/?from=2018&to=2019",
    "/en/programs/community-policing/",
    "/en/deployments/disaster-relief/",
    "/en/deployments/expert-dispatches/",
    "/en/countries/",
    "/en/programs/table/columns/",
    "/en/countries/id/",
    "/en/international-cooperation/",
    "/en/search/?q=police",
]


def title(html):
    return re.search(r"<title>(.*?)</title>", html, flags=re.S).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_has_a_titled_head_and_no_inline_style_or_script(
    client, sample_site, path
):
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
    assert title(client.get("/en/no-such-page/").content.decode()) == "Page not found" + SUFFIX
    assert title(client.get("/en/programs/?from=x").content.decode()).endswith(SUFFIX)
    assert title(render_to_string("500.html")) == "Server error" + SUFFIX
    assert title(client.get("/test-400/").content.decode()) == "Bad request" + SUFFIX


@pytest.mark.django_db
def test_favicon_ico_leads_to_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith(".svg")
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_wide_table_scrolls_in_a_labelled_focusable_region_with_a_hint(client, sample_site):
    html = client.get("/en/programs/").content.decode()
    regions = re.findall(r'<div class="table-scroll"[^>]*>', html)
    assert regions
    for region in regions:
        assert 'role="region"' in region and 'tabindex="0"' in region
        assert "aria-labelledby=" in region or "aria-label=" in region
    assert "Scroll the table sideways" in html


STATIC = Path(__file__).resolve().parent.parent / "static"


def test_stylesheet_is_built_on_the_pinned_vendored_design_tokens():
    site_css = (STATIC / "css" / "site.css").read_text(encoding="utf-8")
    tokens = (STATIC / "css" / "vendor" / "tokens.css").read_text(encoding="utf-8")
    makefile = (STATIC.parent / "Makefile").read_text(encoding="utf-8")
    pin = re.search(r"^DESIGN_TOKENS_VERSION := (\S+)$", makefile, flags=re.M).group(1)
    # The vendored file says which pinned version it is and carries the package's MIT licence.
    assert tokens.startswith(f"/*! @digital-go-jp/design-tokens {pin},")
    assert "MIT License" in tokens and "Copyright (c) 2023 デジタル庁" in tokens
    assert "--color-primitive-blue-900:" in tokens and "--font-size-16:" in tokens
    # The stylesheet loads the tokens first and takes every colour from them: no colour of its own.
    assert (
        re.sub(r"/\*.*?\*/", "", site_css, flags=re.S)
        .lstrip()
        .startswith('@import url("vendor/tokens.css");')
    )
    assert re.findall(r"#[0-9a-fA-F]{3,8}\b", site_css) == []
    assert "var(--color-primitive-" in site_css and "var(--font-size-" in site_css
    assert re.search(r"^tokens:", makefile, flags=re.M)
