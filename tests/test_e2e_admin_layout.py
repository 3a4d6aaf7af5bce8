"""The admin at 1280 px, in both languages: the buttons above a list leave its title readable,
long names stay within three lines, and no list or the one-year page scrolls sideways.

Measured in Chromium on the sample data; screenshots under test-artifacts/screenshots/.
"""

import pytest

from programs.models import Scheme

from .e2e_helpers import load_sample_site, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHANGE_LISTS = (
    "programs/scheme",
    "programs/program",
    "programs/annualfigure",
    "deployments/disasterdeployment",
    "deployments/expertdispatch",
    "pages/page",
    "pages/section",
)

# What a staff member sees of a list: does a button lie on the title's text, does the table
# scroll sideways (Django wraps it in a region that does), and how many lines the tallest cell
# of each column takes.
LIST_JS = """() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('#content h1'));
    const title = range.getBoundingClientRect();
    const covering = [...document.querySelectorAll('.object-tools li')].filter(li => {
        const b = li.getBoundingClientRect();
        return !(b.right <= title.left || b.left >= title.right
                 || b.bottom <= title.top || b.top >= title.bottom);
    }).map(li => li.textContent.trim());
    const region = document.querySelector('#changelist-form .results');
    const lines = {};
    for (const cell of document.querySelectorAll('#result_list tbody td, #result_list tbody th')) {
        if (!cell.textContent.trim()) continue;
        range.selectNodeContents(cell);
        const line = parseFloat(getComputedStyle(cell).lineHeight);
        const n = range.getBoundingClientRect().height / line;
        const column = [...cell.classList].find(c => c.startsWith('field-'));
        lines[column] = Math.max(lines[column] || 0, Math.round(n * 10) / 10);
    }
    return {covering, overflow: region.scrollWidth - region.clientWidth, lines,
            page: document.documentElement.scrollWidth - document.documentElement.clientWidth};
}"""


@pytest.fixture
def staff_page(page, live_server, django_user_model):
    load_sample_site()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, django_user_model)
    return page


@pytest.mark.parametrize("language", ("en", "ja"))
def test_change_lists_fit_1280px_with_titles_clear_and_names_in_three_lines(
    staff_page, live_server, language
):
    page = staff_page
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    problems = []
    for model in CHANGE_LISTS:
        page.goto(f"{live_server.url}/admin/{model}/")
        seen = page.evaluate(LIST_JS)
        if seen["covering"]:
            problems.append(f"{model}: {seen['covering']} cover the title")
        if seen["overflow"] > 1:
            problems.append(f"{model}: the list scrolls sideways by {seen['overflow']}px")
        if seen["page"] > 0:
            problems.append(f"{model}: the page scrolls sideways by {seen['page']}px")
        tall = {column: n for column, n in seen["lines"].items() if n > 3.2}
        if tall:
            problems.append(f"{model}: cells wrap to more than three lines: {tall}")
        if model in ("programs/program", "programs/annualfigure", "deployments/disasterdeployment"):
            screenshot(page, f"admin-{language}-{model.replace('/', '-')}")
    assert not problems, "\n".join(problems)


def test_figures_for_one_year_fit_1280px(staff_page, live_server):
    page = staff_page
    scheme = Scheme.objects.get()
    page.goto(
        f"{live_server.url}/admin/programs/annualfigure/year-entry/?year=2020&scheme={scheme.pk}"
    )
    table = page.locator("#content-main form[method=post] table")
    assert table.count() == 1
    width, room, overflow = table.evaluate(
        """el => [el.getBoundingClientRect().right, document.documentElement.clientWidth,
                  document.documentElement.scrollWidth - document.documentElement.clientWidth]"""
    )
    assert overflow == 0, f"the page scrolls sideways by {overflow}px"
    assert width <= room, f"the table ends at {width}px in a {room}px window"
    # Every box of a row is on the screen, last year's figures included.
    rights = page.evaluate(
        "() => [...document.querySelectorAll('#content-main form[method=post] td')]"
        ".map(td => td.getBoundingClientRect().right)"
    )
    assert max(rights) <= room
    screenshot(page, "admin-figures-for-one-year")
