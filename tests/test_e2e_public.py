"""The public site in a real browser: the visitor journey at phone and desktop widths, keyboard
use, print, screenshots, axe (zero violations) and the Nu HTML checker (zero errors)."""

import csv
import re

import pytest

from deployments.models import DisasterDeployment
from programs.models import AnnualFigure

from .e2e_helpers import (
    JAPANESE_PAGES,
    PUBLIC_PAGES,
    WIDTHS,
    axe_violations,
    enforce_strict_csp,
    html_errors,
    load_sample_site,
    screenshot,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def site(live_server):
    load_sample_site()
    return live_server.url


def open_menu_link(page, label):
    """Follow a header menu link; on a phone the menu is folded behind its "Menu" button."""
    summary = page.locator(".site-menu > summary")
    if summary.is_visible():
        summary.click()
    page.locator(".nav-list").get_by_role("link", name=label, exact=True).click()


def table_years(page):
    return page.locator("table.programs-table thead th.year-group").all_inner_texts()


def chart_description(page, chart_id):
    return page.locator(f"#{chart_id}-desc").text_content()


@pytest.mark.parametrize("width", WIDTHS)
def test_visitor_journey(page, site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "/en/")
    assert page.title().endswith(" - NPA International Cooperation")

    open_menu_link(page, "Training programs")
    page.wait_for_url("**/programs/")
    assert table_years(page) == ["2016", "2017", "2018", "2019", "2020"]
    assert "2016: 98;" in chart_description(page, "chart-participants-total")

    # Filter to 2018-2019: the table and the chart change together.
    page.fill("#id_from", "2018")
    page.fill("#id_to", "2019")
    page.get_by_role("button", name="Show years").click()
    page.wait_for_url("**/programs/?from=2018&to=2019")
    assert table_years(page) == ["2018", "2019"]
    total = chart_description(page, "chart-participants-total")
    assert total.endswith("2018: 117; 2019: 114.") and "2017" not in total

    # The CSV holds exactly the filtered figures.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="one row per program and year (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "training-program-figures-2018-2019.csv"
    with open(download.path(), encoding="utf-8-sig", newline="") as data:
        rows = list(csv.DictReader(data))
    expected = AnnualFigure.objects.filter(year__in=[2018, 2019], program__published=True)
    assert len(rows) == expected.count() > 0
    assert {row["year"] for row in rows} == {"2018", "2019"}
    assert sum(int(row["participants"]) for row in rows) == 117 + 114

    # A program's own page, with its own series.
    page.locator("table.programs-table").get_by_role("link", name="Community Policing").click()
    page.wait_for_url("**/programs/community-policing/")
    assert page.locator("h1").inner_text() == "Community Policing"
    assert "2016: 9; 2017: 14" in chart_description(page, "chart-program")

    # Disaster relief: sort by persons, then only the tsunami.
    open_menu_link(page, "Disaster relief")
    page.wait_for_url("**/deployments/disaster-relief/")
    headings = page.locator("table.data-table thead")
    headings.get_by_role("link", name=re.compile("^Dispatched")).click()
    page.wait_for_url("**sort=persons**")
    persons = [
        int(text.split()[0])
        for text in page.locator("table.data-table tbody td.num").all_inner_texts()
    ]
    assert persons == sorted(persons) and len(persons) == DisasterDeployment.objects.count()
    page.select_option("#id_disaster", "tsunami")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**disaster=tsunami**")
    assert page.locator("table.data-table tbody tr").count() == 1
    assert chart_description(page, "chart-jdr-timeline").endswith("Dec 2004 Thailand: 20.")
    assert "Showing 1 of" in page.locator(".shown").inner_text()

    # A country page, then the site search.
    page.locator("table.data-table tbody").get_by_role("link", name="Thailand").click()
    page.wait_for_url("**/countries/th/")
    assert page.locator("h1").inner_text() == "Thailand"
    page.fill("#site-search-q", "earthquake")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=earthquake")
    assert "result" in page.get_by_role("status").first.inner_text()
    assert page.locator("main h2").count() >= 1


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_public_page_type_is_accessible_valid_and_photographed(
    page, site, tmp_path, language
):
    pages = {"en": PUBLIC_PAGES, "ja": JAPANESE_PAGES}[language]
    prefix = "" if language == "en" else "ja-"  # screenshots: programs-375.png, ja-programs-375.png
    problems, documents = [], {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in pages.items():
            response = page.goto(site + path)
            assert response.status == (404 if name == "not-found" else 200), path
            assert page.locator("html").get_attribute("lang") == language, path
            # No layout wider than the screen: wide tables scroll in their own region.
            assert page.evaluate(OVERFLOW) <= 0, f"{path} is wider than {width}px"
            problems.append(axe_violations(page))
            screenshot(page, prefix + name)
            if width == WIDTHS[-1]:
                documents[name] = response.text()
    # The narrowest phones: still nothing wider than the screen.
    page.set_viewport_size({"width": 320, "height": 900})
    for path in pages.values():
        page.goto(site + path)
        assert page.evaluate(OVERFLOW) <= 0, f"{path} is wider than 320px"
    problems.append(html_errors(documents, tmp_path / "html"))
    assert not any(problems), "\n\n".join(problem for problem in problems if problem)


def test_the_api_documentation_page_is_accessible_valid_and_photographed(page, site, tmp_path):
    """/api/v1/docs/, rendered on the server from the OpenAPI document: like the site's pages,
    no axe violation, no HTML error, nothing wider than the screen."""
    problems, documents = [], {}
    for width in (320, *WIDTHS):
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(site + "/api/v1/docs/")
        assert response.status == 200
        assert page.locator("h1").count() == 1
        assert page.evaluate(OVERFLOW) <= 0, f"the API documentation is wider than {width}px"
        problems.append(axe_violations(page))
        screenshot(page, "api-docs")
        documents["api-docs"] = response.text()
    problems.append(html_errors(documents, tmp_path / "html"))
    assert not any(problems), "\n\n".join(problem for problem in problems if problem)


def test_keyboard_alone_reaches_and_uses_the_controls(page, site):
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(site + "/en/programs/")

    def tab_to(predicate_js, limit=60):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"(el => {predicate_js})(document.activeElement)"):
                return
        raise AssertionError(f"Tab never reached an element where {predicate_js}")

    # The first stop is the skip link, and it leads to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

    # Focus order follows the page: search, then the menu button, then the filter.
    page.goto(site + "/en/programs/")
    order = []
    for _ in range(12):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert order.index("site-search-q") < order.index("SUMMARY") < order.index("id_from")

    # The menu opens from the keyboard.
    page.goto(site + "/en/programs/")
    tab_to("el.tagName === 'SUMMARY'")
    page.keyboard.press("Enter")
    assert page.locator(".site-menu").get_attribute("open") is not None
    tab_to("el.textContent.trim() === 'Disaster relief'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/deployments/disaster-relief/")

    # The filter form works with the keyboard alone: choose, then submit with Enter.
    tab_to("el.id === 'id_disaster'")
    page.keyboard.press("ArrowDown")  # the first choice after "Any disaster": earthquake
    tab_to("el.tagName === 'BUTTON' && el.textContent.trim() === 'Apply'")
    page.keyboard.press("Enter")
    page.wait_for_url("**disaster=earthquake**")

    # The programs filter: type the years and press Enter; the table region takes focus.
    page.goto(site + "/en/programs/")
    tab_to("el.id === 'id_from'")
    page.keyboard.type("2019")
    page.keyboard.press("Enter")
    page.wait_for_url("**from=2019**")
    assert table_years(page) == ["2019", "2020"]
    tab_to("el.classList.contains('table-scroll')")
    scrolled = page.evaluate("document.activeElement.scrollLeft")
    page.keyboard.press("ArrowRight")
    # A function, not an expression string: the CSP forbids eval, which a string predicate uses.
    page.wait_for_function(f"() => document.activeElement.scrollLeft > {scrolled}")

    # Focus is visible: the focused control gets an outline or a box shadow.
    style = page.evaluate(
        "(s => s.outlineStyle + ' ' + s.boxShadow)(getComputedStyle(document.activeElement))"
    )
    assert "solid" in style or "rgb" in style


def test_print_hides_navigation_and_writes_out_link_addresses(page, site):
    page.goto(site + "/en/programs/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".year-filter").is_visible()
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.downloads a'), '::after').content"
    )
    assert "/en/programs/figures.csv" in after
    overflow = page.evaluate("getComputedStyle(document.querySelector('.table-scroll')).overflowX")
    assert overflow == "visible"


def test_pages_need_nothing_a_strict_content_security_policy_refuses(page, site):
    complaints = enforce_strict_csp(page)
    for path in PUBLIC_PAGES.values():
        page.goto(site + path)
        # The page still looks designed: the stylesheet loaded and applies.
        assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"
    # Requests still in flight (the icon) must not outlive the page into the next test.
    page.unroute_all(behavior="ignoreErrors")
    assert complaints == []


def test_the_language_switch_keeps_the_page_and_is_remembered(page, site):
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(site + "/ja/deployments/disaster-relief/?disaster=tsunami&sort=-persons")
    switch = page.locator(".language-switch a")
    assert switch.inner_text() == "English"
    assert switch.get_attribute("lang") == switch.get_attribute("hreflang") == "en"
    switch.click()
    page.wait_for_url("**/en/deployments/disaster-relief/?disaster=tsunami&sort=-persons")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("table.data-table tbody tr").count() == 1
    # The choice holds for the bare address, whatever the browser asks for.
    page.goto(site + "/")
    assert page.url == site + "/en/"
    assert page.locator(".language-switch a").inner_text() == "日本語"
    page.locator(".language-switch a").click()
    page.wait_for_url(site + "/ja/")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator(".language-switch a").inner_text() == "English"
    page.goto(site + "/")
    assert page.url == site + "/ja/"
