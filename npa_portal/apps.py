from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NpaPortalConfig(AppConfig):
    """The project itself, as an app: shared templates tags, site-wide commands, staff roles."""

    name = "npa_portal"
    verbose_name = "NPA portal"

    def ready(self):
        from .roles import create_roles_after_migrate

        post_migrate.connect(create_roles_after_migrate, sender=self)
