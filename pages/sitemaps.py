from django.urls import reverse

from core.sitemaps import BilingualSitemap
from deployments.sitemaps import CountrySitemap
from programs.models import Program

from .data_pages import DATA_PAGES
from .models import HOME_SLUG, Page


class PageSitemap(BilingualSitemap):
    """Published content pages only (the same `published()` as the views and search)."""

    changefreq = "monthly"

    def items(self):
        # The home page is listed with the data pages: it exists even without an introduction.
        return Page.objects.published().exclude(parent=None, slug=HOME_SLUG).order_by("path")

    def lastmod(self, page):
        return page.updated_at


class DataPageSitemap(BilingualSitemap):
    """The home page, the data pages and the open data page, whose addresses are fixed."""

    changefreq = "monthly"

    def items(self):
        return ["pages:home", *(page.url_name for page in DATA_PAGES), "opendata:index"]

    def location(self, name):
        return reverse(name)


class ProgramSitemap(BilingualSitemap):
    changefreq = "yearly"

    def items(self):
        return Program.objects.published().order_by("slug")

    def lastmod(self, program):
        return program.updated_at


# sitemap.xml (npa_portal/urls.py).
SITEMAPS = {
    "pages": PageSitemap,
    "data": DataPageSitemap,
    "programs": ProgramSitemap,
    "countries": CountrySitemap,
}
