"""The header menu and the home page's section links: content pages marked for the menu plus
the data pages. One query for the content pages, whatever the number of entries.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import HOME_SLUG, Page

# The data pages, always in the menu after the content pages.
DATA_PAGES = (
    (
        _("Training programs"),
        "programs:index",
        _("Officers from other countries trained with Japan's police, year by year."),
    ),
    (
        _("Disaster relief"),
        "deployments:disaster_relief",
        _("Police officials sent abroad with Japan Disaster Relief teams."),
    ),
    (
        _("Expert dispatches"),
        "deployments:expert_dispatches",
        _("Police experts advising and training partner forces abroad."),
    ),
    (
        _("Countries"),
        "deployments:country_list",
        _("Every country and region the police worked in or for."),
    ),
)


@dataclass
class NavItem:
    label: str
    url: str
    summary: str = ""
    # "page" on the current page, "true" on the entry of the section the current page is in.
    current: str = ""
    # Menu pages whose parent page is also in the menu, listed under it.
    children: list["NavItem"] = field(default_factory=list)


def _current(url, path):
    if path == url:
        return "page"
    if url != "/" and path.startswith(url):
        return "true"
    return ""


def menu_items(path=""):
    """Home, the content pages marked for the menu (by menu order), then the data pages.

    A menu page whose parent is also in the menu is listed under its parent, so a visitor
    reaches sub-pages such as /international-cooperation/technical-assistance/ from the menu.
    """
    pages = Page.objects.in_navigation().exclude(parent__isnull=True, slug=HOME_SLUG)
    by_id = {page.pk: NavItem(page.title, page.get_absolute_url(), page.summary) for page in pages}
    items = [NavItem(str(_("Home")), reverse("pages:home"))]
    for page in pages:
        parent = by_id.get(page.parent_id)
        (parent.children if parent else items).append(by_id[page.pk])
    items += [
        NavItem(str(label), reverse(name), str(summary)) for label, name, summary in DATA_PAGES
    ]
    for item in items:
        item.current = _current(item.url, path)
        for child in item.children:
            child.current = _current(child.url, path)
    return items
