from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class NpaPortalConfig(AppConfig):
    """The project itself, as an app: site-wide commands and staff roles."""

    name = "npa_portal"
    verbose_name = "NPA portal"

    def ready(self):
        from .page_cache import connect_signals
        from .roles import create_roles_after_migrate

        # Any content change makes every cached public page out of date.
        connect_signals()

        # post_migrate is sent only for apps with models; this app has none, auth has.
        post_migrate.connect(create_roles_after_migrate, sender=apps.get_app_config("auth"))
