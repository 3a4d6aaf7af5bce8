from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only public JSON API under /api/v1/ (django-ninja) and its documentation page."""

    name = "api"
    verbose_name = _("Public JSON API")
