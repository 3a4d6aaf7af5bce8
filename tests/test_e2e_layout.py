"""Layout in a real browser at 320, 375 and 1280 px: the header menu, the filter boxes, wide
tables (scroll hints, captions, row heights, the programs table), sort arrows and print.

Each test measures what a visitor sees (boxes on the screen), and saves screenshots under
test-artifacts/screenshots/ for a person to look at.
"""

import contextlib
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .e2e_helpers import PUBLIC_PAGES, load_sample_site, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CONTENT_PAGE_WITH_BLOCKS = "/en/international-cooperation/technical-assistance/"
TABLE_PAGES = {**PUBLIC_PAGES, "content-page-blocks": CONTENT_PAGE_WITH_BLOCKS}
TABLE_PAGES.pop("not-found")
# Japanese wraps differently (anywhere, in wider characters): the same pages in Japanese.
JAPANESE_TABLE_PAGES = {name: path.replace("/en/", "/ja/", 1) for name, path in TABLE_PAGES.items()}


@pytest.fixture
def site(live_server):
    load_sample_site()
    return live_server.url


def boxes(page, selector):
    """The on-screen boxes (left, top, right, bottom) of every visible element matching."""
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector)]
            .filter(el => el.offsetParent !== null)
            .map(el => { const r = el.getBoundingClientRect();
                         return {left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                                 text: el.textContent.trim()}; })""",
        selector,
    )


def test_header_menu_is_one_line_at_1280px_without_sub_pages(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    for name, path in TABLE_PAGES.items():
        page.goto(site + path)
        entries = boxes(page, ".nav-list > li")
        assert entries, path
        assert {round(entry["top"]) for entry in entries} == {round(entries[0]["top"])}, (
            f"{path}: the menu wraps: {entries}"
        )
        # Sub-pages are listed on their parent page, not in the bar.
        assert page.locator(".nav-list ul").count() == 0, path
        assert "Technical assistance" not in page.locator(".nav-list").inner_text()
        if name in ("home", "programs", "content-page-blocks"):
            screenshot(page, f"layout-{name}")
    page.goto(site + "/en/international-cooperation/")
    assert page.locator(".sub-pages").get_by_role("link", name="Technical assistance").count()


@pytest.mark.parametrize("width", (320, 375, 1280))
@pytest.mark.parametrize(
    "path", ("/en/deployments/disaster-relief/", CONTENT_PAGE_WITH_BLOCKS), ids=("page", "content")
)
def test_filter_boxes_are_a_grid_of_labels_over_controls(page, site, width, path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + path)
    for form in page.locator("form.filters").all():
        form.scroll_into_view_if_needed()
        fields = form.evaluate(
            """form => [...form.querySelectorAll('.filter-field')].map(field => {
                const box = el => el.getBoundingClientRect();
                const label = box(field.querySelector('label'));
                const control = box(field.querySelector('select, input'));
                return {label: [label.left, label.top, label.bottom],
                        control: [control.left, control.top, control.bottom, control.right]};
            })"""
        )
        fieldset = form.locator("fieldset").bounding_box()
        hint = form.locator(".filter-hint")
        if hint.count():
            hint_box = hint.bounding_box()
            # The hint has a row of its own, above every field.
            assert all(hint_box["y"] + hint_box["height"] <= f["label"][1] for f in fields)
        for field in fields:
            label, control = field["label"], field["control"]
            assert abs(label[0] - control[0]) <= 1, f"{path}: a control not under its label"
            assert label[2] <= control[1] + 1, f"{path}: a label beside its control"
            assert control[3] <= fieldset["x"] + fieldset["width"], f"{path}: control overflows"
        # Fields on one row: labels share a top, controls share a top and a bottom.
        rows = {}
        for field in fields:
            rows.setdefault(round(field["control"][1]), []).append(field)
        for row in rows.values():
            assert len({round(field["label"][1]) for field in row}) == 1, f"{path}: {row}"
            assert len({round(field["control"][2]) for field in row}) == 1, f"{path}: {row}"
        # Apply sits on a row of controls (bottoms aligned) or, alone, at the fields' left edge.
        apply = form.get_by_role("button", name="Apply").bounding_box()
        apply_bottom = apply["y"] + apply["height"]
        on_a_row = any(abs(field["control"][2] - apply_bottom) <= 2 for field in fields)
        at_left = abs(apply["x"] - min(field["control"][0] for field in fields)) <= 1
        assert on_a_row or at_left, f"{path} at {width}px: Apply is out of place"
    screenshot(page, f"filters-{'content' if path == CONTENT_PAGE_WITH_BLOCKS else 'page'}")


# Per table region: does it scroll, is the hint before it shown, do the caption's lines stay
# inside the region, and how much taller is a row's tallest cell content than its shortest.
TABLES_JS = """() => [...document.querySelectorAll('.table-scroll')].map(region => {
    const hint = region.previousElementSibling;
    const bounds = region.getBoundingClientRect();
    const caption = region.querySelector('caption');
    const range = document.createRange();
    let captionOut = false;
    if (caption) {
        range.selectNodeContents(caption);
        captionOut = [...range.getClientRects()].some(r => r.right > bounds.right + 1);
    }
    const gaps = [...region.querySelectorAll('tbody tr')].map(row => {
        const heights = [...row.cells].filter(cell => cell.textContent.trim()).map(cell => {
            range.selectNodeContents(cell); return range.getBoundingClientRect().height; });
        return heights.length ? Math.max(...heights) - Math.min(...heights) : 0;
    });
    const lineHeight = parseFloat(getComputedStyle(region.querySelector('td, th')).lineHeight);
    return {
        label: caption ? caption.textContent.trim().slice(0, 40) : region.id,
        scrolls: region.scrollWidth > region.clientWidth + 1,
        hint: !!(hint && hint.classList.contains('scroll-hint')),
        hintShown: !!(hint && hint.classList.contains('scroll-hint') && hint.offsetParent !== null),
        captionOut: captionOut,
        worstGap: Math.max(0, ...gaps) / lineHeight,
    };
})"""


SETTLED_JS = """() => [...document.querySelectorAll('.table-scroll')].every(region => {
    const hint = region.previousElementSibling;
    if (!hint || !hint.classList.contains('scroll-hint')) return true;
    return (hint.offsetParent !== null) === (region.scrollWidth > region.clientWidth + 1);
})"""


@pytest.mark.parametrize("width", (320, 375, 1280))
@pytest.mark.parametrize("language", ("en", "ja"))
def test_wide_tables_have_a_scroll_hint_whole_captions_and_no_tall_gaps(
    page, site, width, language
):
    page.set_viewport_size({"width": width, "height": 900})
    problems = []
    pages = TABLE_PAGES if language == "en" else JAPANESE_TABLE_PAGES
    for name, path in pages.items():
        page.goto(site + path)
        page.wait_for_load_state("load")
        # tables.js sets the hints from ResizeObserver callbacks, which run at the browser's
        # next rendering step: give them a moment (on a busy machine) before measuring.
        with contextlib.suppress(PlaywrightTimeoutError):  # measured and reported below
            page.wait_for_function(SETTLED_JS, timeout=3000)
        for table in page.evaluate(TABLES_JS):
            where = f"{path} at {width}px, {table['label']!r}"
            if not table["hint"]:
                problems.append(f"{where}: no scroll hint before the table")
            elif table["hintShown"] != table["scrolls"]:
                problems.append(
                    f"{where}: hint shown={table['hintShown']}, scrolls={table['scrolls']}"
                )
            if table["captionOut"]:
                problems.append(f"{where}: caption cut off by the scrolling region")
            # A cell three lines taller than its row's shortest leaves a blank gap (a program
            # name in three lines beside one-line numbers is as narrow as a phone allows).
            if table["worstGap"] > 2.5:
                problems.append(f"{where}: a row with {table['worstGap']:.1f} blank lines")
        if width < 1280 and name in ("disaster-relief", "countries", "programs", "program"):
            screenshot(page, f"tables-{language}-{name}")
    assert not problems, "\n".join(problems)


def test_programs_table_shows_five_years_at_1280px(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/en/programs/")
    region = page.locator(".table-scroll").first
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth"), "the table is cut off"
    right = region.evaluate("el => el.getBoundingClientRect().right")
    years = boxes(page, ".programs-table th.year-group")
    assert [year["text"] for year in years] == ["2016", "2017", "2018", "2019", "2020"]
    assert all(year["right"] <= right for year in years)
    line = float(
        page.locator(".programs-table tbody th a").first.evaluate(
            "el => parseFloat(getComputedStyle(el).lineHeight)"
        )
    )
    names = boxes(page, ".programs-table tbody th a")
    tallest = max(name["bottom"] - name["top"] for name in names)
    assert tallest <= 2 * line + 1, f"a program name wraps to {tallest / line:.1f} lines"
    screenshot(page, "programs-five-years")


@pytest.mark.parametrize(
    ("query", "arrow"),
    (
        ("", "\u25b2"),
        ("?sort=-date", "\u25bc"),
        ("?sort=persons", "\u25b2"),
        ("?sort=-persons", "\u25bc"),
    ),
)
def test_sorted_column_shows_its_direction(page, site, query, arrow):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/en/deployments/disaster-relief/" + query)
    arrows = page.evaluate(
        """() => [...document.querySelectorAll('.data-table thead th')]
            .filter(th => th.querySelector('a')).map(th => [th.getAttribute('aria-sort') || '',
                        getComputedStyle(th.querySelector('a'), '::after').content])"""
    )
    sorted_ = [content for state, content in arrows if state]
    assert len(sorted_) == 1 and arrow in sorted_[0], arrows
    # Every other sortable heading shows that it can be sorted, with a different mark.
    assert all(
        content not in ("none", "normal", sorted_[0]) for state, content in arrows if not state
    )


def test_empty_year_range_hides_the_notes_and_downloads_of_absent_tables(page, site):
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(site + "/en/programs/?from=1990&to=1995")
    assert page.locator("table.programs-table").count() == 0
    assert page.locator(".table-notes").count() == 0
    assert page.locator(".downloads").count() == 0
    assert "no figures for the selected years" in page.locator("main").inner_text()
    screenshot(page, "programs-empty-range")


def test_programs_table_prints_on_a4_landscape(page, site):
    page.goto(site + "/en/programs/")
    pdf = page.pdf(prefer_css_page_size=True)
    # Chromium writes each page's size in points: A4 landscape is about 842 x 595.
    sizes = [
        (round(float(width)), round(float(height)))
        for width, height in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    ]
    assert (842, 595) in sizes, sizes
    # At the printable width of that page (297 mm less 2 x 12 mm margins), nothing is cut.
    page.emulate_media(media="print")
    page.set_viewport_size({"width": round(273 / 25.4 * 96), "height": 900})
    for table in page.locator("table.programs-table").all():
        width, room = table.evaluate(
            "el => [el.getBoundingClientRect().width, el.closest('main').clientWidth]"
        )
        assert width <= room, f"the printed table is {width:.0f}px wide in {room}px"
