from django.contrib.sitemaps.views import sitemap
from django.urls import path, re_path
from django.views.decorators.http import require_safe

from deployments.sitemaps import CountrySitemap

from . import views
from .models import MAX_DEPTH
from .sitemaps import DataPageSitemap, PageSitemap, ProgramSitemap

app_name = "pages"

SITEMAPS = {
    "pages": PageSitemap,
    "data": DataPageSitemap,
    "programs": ProgramSitemap,
    "countries": CountrySitemap,
}

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Last: any other path of slugs is a content page, e.g. international-cooperation/experts/.
    re_path(
        rf"^(?P<path>[-\w]+(?:/[-\w]+){{0,{MAX_DEPTH - 1}}})/$", views.page_detail, name="page"
    ),
]
