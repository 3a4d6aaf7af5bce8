from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NpaPortalConfig(AppConfig):
    """The project itself, as an app: site-wide commands."""

    name = "npa_portal"
    verbose_name = _("NPA portal")

    def ready(self):
        from .page_store import connect_signals

        # Any content change makes every cached public page out of date.
        connect_signals()
