"""The header menu and the home page's section links: content pages marked for the menu plus
the data pages. One query for the content pages, whatever the number of entries.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.i18n import translated_html

from .data_pages import DATA_PAGES
from .models import Page


@dataclass
class NavItem:
    # Safe HTML for a content page: a label not written in the page's language yet is shown
    # in the other one, marked with its lang and a note (core.i18n.translated_html).
    label: str
    url: str
    summary: str = ""
    order: int = 0
    # "page" on the current page, "true" on the entry of the section the current page is in.
    current: str = ""
    # Menu pages whose parent page is also in the menu, listed under it.
    children: list["NavItem"] = field(default_factory=list)


def _current(url, path, home):
    if path == url:
        return "page"
    if url != home and path.startswith(url):
        return "true"
    return ""


def menu_and_footer(path=""):
    """(header menu items, footer pages), from one query for both."""
    pages = list(Page.objects.in_navigation_or_footer())
    footer = [page for page in pages if page.show_in_footer]
    return menu_items(path, [page for page in pages if page.show_in_navigation]), footer


def menu_items(path="", pages=None):
    """Home, then the content pages marked for the menu and the data pages, by menu order (a
    content page sorts before a data page of the same number).

    A menu page whose parent is also in the menu is listed under its parent, so a visitor
    reaches sub-pages such as /international-cooperation/technical-assistance/ from the menu.
    `pages`: the menu's content pages when the caller has them already.
    """
    if pages is None:
        pages = Page.objects.in_navigation()
    pages = [page for page in pages if not page.is_home]
    by_id = {
        page.pk: NavItem(
            translated_html(page, "menu_label title"),
            page.get_absolute_url(),
            translated_html(page, "summary"),
            page.navigation_order,
        )
        for page in pages
    }
    top = []
    for page in pages:
        parent = by_id.get(page.parent_id)
        (parent.children if parent else top).append(by_id[page.pk])
    data_pages = [
        NavItem(str(data.label), reverse(data.url_name), str(data.summary), data.order)
        for data in DATA_PAGES
    ]
    # sorted() is stable: content pages, already in title order, stay before data pages.
    home = reverse("pages:home")
    items = [NavItem(str(_("Home")), home)]
    items += sorted(top + data_pages, key=lambda item: item.order)
    for item in items:
        # Every address starts with the home page's (/ja/): only the home page itself is it.
        item.current = _current(item.url, path, home)
        for child in item.children:
            child.current = _current(child.url, path, home)
    return items
