"""The site's own pages (footer), long official names with short menu labels, and the menu
order shared by content pages and the built-in data pages."""

import re

import pytest

from pages.models import Block, Page, Section
from pages.sample_data import CENTER
from tests.builders import make_page

pytestmark = pytest.mark.django_db

# The official name in full, eleven words, written once: in the sample data.
CENTER_NAME = CENTER["title"]
FOOTER_PAGES = ["Contact", "Accessibility statement", "Privacy", "Terms of use"]


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _footer(html):
    return html[html.index('<footer class="site-footer">') :]


def _menu(html):
    start = html.index('<nav aria-label="Main">')
    return html[start : html.index("</nav>", start)]


def test_center_page_carries_the_official_name_in_full(sample_site, client):
    page = Page.objects.get(path="research-and-training-center")
    html = client.get(page.get_absolute_url()).content.decode()
    assert f"<h1>{CENTER_NAME}</h1>" in html
    assert f"<title>{CENTER_NAME} - " in html
    # The menu and the breadcrumbs use the short label instead of a cut-off name.
    assert ">Research and Training Center</a>" in _menu(html)
    assert 'aria-current="page">Research and Training Center</li>' in html


def test_menu_label_replaces_a_long_title_in_menu_breadcrumbs_and_footer(client):
    parent = make_page(
        "A very long official name of a division", slug="division", menu_label="Division"
    )
    parent.show_in_navigation = parent.show_in_footer = True
    parent.save()
    child = make_page("Child", parent=parent)
    html = client.get(child.get_absolute_url()).content.decode()
    assert ">Division</a>" in _menu(html)
    assert '<li><a href="/en/division/">Division</a></li>' in html  # breadcrumbs
    assert ">Division</a>" in _footer(html)
    assert "A very long official name" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/international-cooperation/",
        "/en/programs/",
        "/en/deployments/disaster-relief/",
        "/en/deployments/expert-dispatches/",
        "/en/countries/",
        "/en/countries/tr/",
        "/en/search/?q=nepal",
        "/en/no-such-page/",
    ],
)
def test_every_page_links_the_site_pages_in_its_footer(sample_site, client, url):
    footer = _footer(client.get(url).content.decode())
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer)
    labels = [label for _href, label in links]
    assert labels[: len(FOOTER_PAGES)] == FOOTER_PAGES
    for href, label in links[: len(FOOTER_PAGES)]:
        assert client.get(href).status_code == 200, label


def test_site_pages_are_ordinary_editable_pages(sample_site, client):
    terms = Page.objects.get(path="terms-of-use")
    text = _text(client.get(terms.get_absolute_url()).content.decode())
    assert "Government of Japan Standard Terms of Use (Version 2.0)" in text
    assert "CC BY 4.0" in text
    terms.show_in_footer = False
    terms.save()
    assert "Terms of use" not in _footer(client.get("/en/").content.decode())


def test_footer_credit_does_not_claim_rows_from_other_sources(sample_site, client):
    footer = _text(_footer(client.get("/en/").content.decode()))
    assert "Figures and facts from the National Police Agency" not in footer
    assert "a row taken from another source links to that source" in footer


def test_a_menu_page_can_be_placed_among_the_data_pages(client):
    page = make_page("News", show_in_navigation=True, navigation_order=115)
    menu = _menu(client.get("/en/").content.decode())
    labels = re.findall(r">([^<>]+)</a>", menu)
    assert labels.index("Disaster relief") < labels.index("News")
    assert labels.index("News") < labels.index("Expert dispatches")
    help_text = str(Page._meta.get_field("navigation_order").help_text)
    assert "110 Disaster relief" in help_text and "120 Expert dispatches" in help_text
    assert page.navigation_order == 115


def test_no_sample_section_repeats_the_figures_its_block_prints(sample_site):
    """A section's text must not restate, in a sentence, what its live block prints below."""
    namespaces = {
        Block.DISASTER_RELIEF: "jdr.",
        Block.EXPERT_DISPATCHES: "dispatches.",
        Block.PROGRAMS_TABLE: "programs.",
    }
    for section in Section.objects.exclude(block=""):
        prefix = namespaces.get(section.block)
        if prefix:
            assert f"[[{prefix}" not in section.body, section.heading


def test_sample_text_uses_us_spelling(sample_site):
    british = r"\b(centre|organis\w*|neighbour\w*|programme\w*|colour\w*|licence)\b"
    for page in Page.objects.all():
        texts = [page.title, page.summary]
        texts += [f"{s.heading} {s.body}" for s in page.sections.all()]
        for text in texts:
            assert not re.search(british, text, re.IGNORECASE), (page.path, text[:80])


def test_every_key_figure_is_a_link_and_says_what_it_counts(sample_site, client):
    html = client.get("/en/").content.decode()
    figures = html[html.index('<dl class="key-figures">') : html.index("</dl>")]
    values = re.findall(r"<dd>(.*?)</dd>", figures, re.S)
    assert len(values) == 5
    for value in values:
        assert re.fullmatch(r'\s*<a href="/[^"]*">\d+</a>\s*', value), value
    assert "reached by disaster relief teams and police experts" in figures
