"""The sample content pages in Japanese in a real browser, at phone and desktop widths: every
page read in Japanese (no fallback note), nothing wider than the screen, axe clean, and a
screenshot of each (test-artifacts/screenshots/ja-content-*.png) for a person to read."""

import pytest

from .e2e_helpers import WIDTHS, axe_violations, load_sample_site, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"

# Every sample content page (the data pages are photographed by test_e2e_public.py).
CONTENT_PAGES = {
    "home": "/ja/",
    "center": "/ja/research-and-training-center/",
    "cooperation": "/ja/international-cooperation/",
    "technical-assistance": "/ja/international-cooperation/technical-assistance/",
    "contact": "/ja/contact/",
    "accessibility": "/ja/accessibility/",
    "privacy": "/ja/privacy/",
    "terms": "/ja/terms-of-use/",
    "program": "/ja/programs/criminal-identification/",
}


@pytest.fixture
def site(live_server):
    load_sample_site()
    return live_server.url


@pytest.mark.parametrize("width", WIDTHS)
def test_japanese_content_pages_read_in_japanese(page, site, width):
    page.set_viewport_size({"width": width, "height": 900})
    problems = []
    for name, path in CONTENT_PAGES.items():
        assert page.goto(site + path).status == 200, path
        assert page.locator("html").get_attribute("lang") == "ja"
        main = page.locator("main").inner_text()
        assert "未翻訳" not in main, path
        assert page.locator("main [lang=en]").count() == 0, path
        assert page.evaluate(OVERFLOW) <= 0, f"{path} is wider than {width}px"
        problems.append(axe_violations(page))
        screenshot(page, f"ja-content-{name}")
    assert "".join(problems) == ""
