"""Small data builders for the content-page tests."""

from html.parser import HTMLParser

from pages.models import Page, Section, Status

from .i18n_builders import english_columns


def make_page(title="About us", slug=None, parent=None, status=Status.PUBLISHED, **fields):
    page = Page(
        title_en=title,
        slug=slug or title.lower().replace(" ", "-"),
        parent=parent,
        status=status,
        **english_columns(Page, fields),
    )
    page.save()
    return page


def make_section(page, heading="A section", body="Some text.", order=None, **fields):
    if order is None:
        order = page.sections.count() + 1
    fields = english_columns(Section, {"heading": heading, "body": body, **fields})
    return Section.objects.create(page=page, order=order, **fields)


class IdCollector(HTMLParser):
    """Every id="..." and every id that aria-labelledby / aria-describedby / for refer to."""

    def __init__(self):
        super().__init__()
        self.ids = []
        self.references = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.append(value)
            elif name in ("aria-labelledby", "aria-describedby", "for") and value:
                self.references.extend(value.split())


def id_problems(html):
    """(duplicate ids, references to ids that do not exist) in an HTML document."""
    collector = IdCollector()
    collector.feed(html)
    seen, duplicates = set(), set()
    for element_id in collector.ids:
        if element_id in seen:
            duplicates.add(element_id)
        seen.add(element_id)
    dangling = {ref for ref in collector.references if ref not in seen}
    return duplicates, dangling
