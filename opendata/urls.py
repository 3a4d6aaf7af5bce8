"""The open data page and the feeds: pages in a language, under /en/ and /ja/."""

from django.urls import path
from django.views.decorators.http import require_safe

from . import feeds, views

app_name = "opendata"

urlpatterns = [
    path("open-data/", views.index, name="index"),
    path(
        "open-data/feeds/disaster-relief.atom",
        require_safe(feeds.DeploymentFeed()),
        name="deployment_feed",
    ),
    path("open-data/feeds/pages.atom", require_safe(feeds.PageFeed()), name="page_feed"),
]
