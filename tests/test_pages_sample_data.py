"""The sample content pages loaded by `load_sample_data`: structure, live figures, menu reach."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client

from core.figures import LiveFigures
from pages import sample_data
from pages.models import HOME_SLUG, Block, Page, Section, Status

pytestmark = pytest.mark.django_db


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class MenuLinks(HTMLParser):
    """The links of the header menu (<nav aria-label="Main">), of the footer's site pages and of
    a page's list of its sub-pages (<section class="sub-pages">), which the menu leaves to their
    parent page."""

    def __init__(self):
        super().__init__()
        self.links, self._depth = [], 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("nav", "section"):
            self._depth = int(
                attributes.get("aria-label") in ("Main", "About this site")
                or attributes.get("class") == "sub-pages"
            )
        elif tag == "a" and self._depth:
            self.links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag in ("nav", "section"):
            self._depth = 0


def test_sample_pages_are_published_at_their_addresses(sample_site):
    paths = set(Page.objects.published().values_list("path", flat=True))
    assert paths == {
        HOME_SLUG,
        "research-and-training-center",
        "international-cooperation",
        "international-cooperation/technical-assistance",
        "contact",
        "accessibility",
        "privacy",
        "terms-of-use",
    }


def test_center_page_tells_its_history_and_both_kinds_of_training(sample_site, client):
    page = Page.objects.get(path="research-and-training-center")
    html = client.get(page.get_absolute_url()).content.decode()
    text = _text(html)
    assert "April 1985" in text and "April 2006" in text
    headings = list(page.sections.values_list("heading", flat=True))
    assert headings == [
        "From institute to center",
        "Courses for Japanese police officers",
        "Courses for officers from abroad",
    ]


def test_cooperation_sections_carry_the_live_blocks(sample_site):
    page = Page.objects.get(path="international-cooperation/technical-assistance")
    sections = list(page.sections.values_list("heading", "block"))
    assert sections == [
        ("Promoting cooperation", ""),
        ("Training programs", Block.PROGRAMS_TABLE),
        ("Dispatch of experts", Block.EXPERT_DISPATCHES),
        ("Supporting reform of the Indonesian National Police", ""),
        ("Japan Disaster Relief teams", Block.DISASTER_RELIEF),
    ]
    table = page.sections.get(block=Block.PROGRAMS_TABLE)
    assert table.scheme is not None and table.scheme.programs.exists()


def test_every_placeholder_in_the_sample_text_is_a_known_figure(sample_site, staff_client):
    figures = LiveFigures()
    for section in Section.objects.all():
        for name in re.findall(r"\[\[\s*([^\]]+?)\s*\]\]", section.heading + section.body):
            figures.resolve(name)  # KeyError for an unknown name
    for page in Page.objects.all():
        html = staff_client.get(page.get_absolute_url()).content.decode()
        assert "placeholder-error" not in html, page.path
        assert "[[" not in _text(html), page.path


def test_sample_page_states_the_live_numbers_once(sample_site, client):
    jdr = LiveFigures()["jdr"]
    text = _text(client.get("/en/international-cooperation/technical-assistance/").content.decode())
    # The disaster relief block's own sentence, not a copy of it in the section's text.
    assert text.count(f"{jdr['persons']} persons in all") == 1


def test_home_introduction_reads_right_where_it_is_placed(sample_site, client):
    intro = Page.objects.get(parent=None, slug=HOME_SLUG)
    body = " ".join(intro.sections.values_list("body", flat=True))
    html = client.get("/en/").content.decode()
    # The introduction's sections follow the key figures: it must not point "below" to them.
    assert html.index('id="key-figures-heading"') < html.index("Police forces in many countries")
    assert "below" not in body


def test_a_visitor_reaches_every_page_from_home_by_the_menu_footer_and_sub_page_lists():
    call_command("load_sample_data", stdout=io.StringIO())
    client = Client()
    seen, queue = set(), ["/en/"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        parser = MenuLinks()
        parser.feed(response.content.decode())
        queue.extend(link for link in parser.links if link.startswith("/"))
    public = {page.get_absolute_url() for page in Page.objects.published()}
    assert public <= seen
    for data_page in ("/en/programs/", "/en/deployments/disaster-relief/", "/en/countries/"):
        assert data_page in seen


def test_loading_twice_creates_nothing_and_keeps_staff_edits(sample_site):
    center = Page.objects.get(path="research-and-training-center")
    center.title = "Edited by staff"
    center.status = Status.DRAFT
    center.save()
    center.sections.first().delete()
    count = Section.objects.count()
    assert sample_data.load() == {"content pages": 0}
    center.refresh_from_db()
    assert center.title == "Edited by staff" and center.status == Status.DRAFT
    assert Section.objects.count() == count


def test_pages_load_without_the_programs_sample_data():
    """Alone, the pages leave out the programs table rather than failing."""
    assert sample_data.load() == {"content pages": 8}
    page = Page.objects.get(path="international-cooperation/technical-assistance")
    assert not page.sections.filter(block=Block.PROGRAMS_TABLE).exists()
    assert Client().get(page.get_absolute_url()).status_code == 200


def test_a_page_staff_deleted_does_not_come_back(sample_site):
    Page.objects.get(path="research-and-training-center").delete()
    assert sample_data.load() == {"content pages": 0}
    assert not Page.objects.filter(path="research-and-training-center").exists()
