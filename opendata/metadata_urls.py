"""The metadata files: one address each, outside the language prefixes, like the API."""

from django.urls import path

from . import views

app_name = "metadata"

urlpatterns = [
    path("catalog.jsonld", views.catalog, name="catalog"),
    path("datapackage.json", views.datapackage, name="datapackage"),
]
