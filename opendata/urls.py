from django.urls import path
from django.views.decorators.http import require_safe

from . import feeds, views

app_name = "opendata"

urlpatterns = [
    path("open-data/", views.index, name="index"),
    path("catalog.jsonld", views.catalog, name="catalog"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path(
        "open-data/feeds/disaster-relief.atom",
        require_safe(feeds.DeploymentFeed()),
        name="deployment_feed",
    ),
    path("open-data/feeds/pages.atom", require_safe(feeds.PageFeed()), name="page_feed"),
]
