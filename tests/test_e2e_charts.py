"""Charts as a visitor sees them in Chromium at 375 and 1280 px: sized to the page's column
with text of a readable size, a visible mark for a year not held, and no one-bar comparison.

Screenshots under test-artifacts/screenshots/.
"""

import pytest

from .e2e_helpers import load_sample_site, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The on-screen width of a chart, of the column it stands in (its section), and the on-screen
# size of its 12-unit labels.
CHART_JS = """svg => {
    const label = svg.querySelector('.chart-label');
    const box = label.getBoundingClientRect();
    const scale = svg.getScreenCTM().a;
    return {width: svg.getBoundingClientRect().width,
            column: svg.closest('section, main').getBoundingClientRect().width,
            font: parseFloat(getComputedStyle(label).fontSize) * scale,
            labelHeight: box.height};
}"""


@pytest.fixture
def site(live_server):
    load_sample_site()
    return live_server.url


@pytest.mark.parametrize("width", (375, 1280))
@pytest.mark.parametrize("language", ("en", "ja"))
def test_totals_chart_fills_the_column_with_readable_text(page, site, width, language):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/{language}/programs/")
    chart = page.locator("#chart-participants-total svg").evaluate(CHART_JS)
    # Not a narrow picture beside white space: at least the width of the page's reading
    # column (the paragraph above it), and never wider than the screen.
    note = page.locator(".charts .chart-note").first.evaluate(
        "el => el.getBoundingClientRect().width"
    )
    assert chart["width"] >= min(note, 600) - 1, chart
    assert chart["width"] <= width
    assert 11 <= chart["font"] <= 15, f"labels drawn at {chart['font']:.1f}px"
    for svg in page.locator(".small-multiples svg").all():
        small = svg.evaluate(CHART_JS)
        assert 11 <= small["font"] <= 15, f"small chart labels at {small['font']:.1f}px"
    screenshot(page, f"charts-{language}-programs")


@pytest.mark.parametrize("width", (375, 1280))
def test_a_year_not_held_shows_a_mark_as_plain_as_a_low_bar(page, site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/en/programs/traffic-police-administration/")
    marks = page.locator("#chart-program .chart-missing-mark").evaluate_all(
        "els => els.map(el => { const b = el.getBoundingClientRect();"
        " return [b.width, b.height]; })"
    )
    bar = page.locator("#chart-program .chart-bar").first.bounding_box()
    assert marks, "no mark for the years not held"
    for mark_width, mark_height in marks:
        assert mark_width >= 0.6 * bar["width"], (mark_width, bar)
        assert mark_height >= 8, f"the mark is {mark_height:.1f}px high: a hairline"
    screenshot(page, "charts-program-not-held")


@pytest.mark.parametrize("width", (320, 375, 1280))
@pytest.mark.parametrize("language", ("en", "ja"))
def test_filtered_disaster_relief_charts_compare_something(page, site, width, language):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/{language}/deployments/disaster-relief/?disaster=tsunami")
    # One type of disaster left: a chart of one bar compares nothing and is left out.
    by_type = page.locator("#chart-jdr-disasters")
    assert by_type.count() == 0 or by_type.locator(".chart-bar").count() >= 2
    page.goto(f"{site}/{language}/deployments/disaster-relief/")
    for chart_id in ("chart-jdr-timeline", "chart-jdr-disasters"):
        svg = page.locator(f"#{chart_id} svg")
        chart = svg.evaluate(CHART_JS)
        figure = page.locator(f"#{chart_id}").evaluate("el => el.getBoundingClientRect().width")
        assert chart["width"] >= figure - 1, f"{chart_id} is {chart['width']}px in {figure}px"
        assert 11 <= chart["font"] <= 15, f"{chart_id} labels at {chart['font']:.1f}px"
        # The longest labels ("2011年2月 ニュージーランド") stay inside the page's margin.
        lefts = svg.locator(".chart-label").evaluate_all(
            "els => els.map(el => el.getBoundingClientRect().left)"
        )
        margin = page.locator(f"#{chart_id}").evaluate("el => el.getBoundingClientRect().left")
        assert min(lefts) >= margin - 1, f"{chart_id}: a label starts at {min(lefts)}px"
    screenshot(page, f"charts-{language}-disaster-relief")
