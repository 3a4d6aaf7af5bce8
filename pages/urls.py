from django.urls import path, re_path

from . import views
from .models import MAX_DEPTH

# Under the language prefixes (npa_portal/urls.py); robots.txt and sitemap.xml are outside.
app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    # Last: any other path of slugs is a content page, e.g. international-cooperation/experts/.
    re_path(
        rf"^(?P<path>[-\w]+(?:/[-\w]+){{0,{MAX_DEPTH - 1}}})/$", views.page_detail, name="page"
    ),
]
