"""The browser set-up itself: Debian's Chromium renders a page served by the live server."""

import pytest

from tests.builders import make_figure

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_programs_page_renders_in_chromium(page, live_server):
    make_figure(year=2019, participants=12, countries=9)
    response = page.goto(f"{live_server.url}/programs/")
    assert response.status == 200
    assert page.locator("h1").first.inner_text().strip() != ""
    assert page.title().endswith("NPA International Cooperation")
    assert "12" in page.locator("table").first.inner_text()
