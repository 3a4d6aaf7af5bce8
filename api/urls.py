"""/api/v1/: outside the language prefixes, so an address means the same data in any language.

The URL names live in the "api" namespace that django-ninja sets (`api:figures`,
`api:openapi-json`, `api:openapi-view` for the documentation page).
"""

from django.urls import path

from .api import api

urlpatterns = [path("api/v1/", api.urls)]
