from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The staff's safety net for every edited model: history, revert, restore, imports, roles."""

    name = "editorial"
    verbose_name = _("Editorial")

    def ready(self):
        from .roles import create_roles_after_migrate

        # post_migrate is sent only for apps with models; this app has none, auth has.
        post_migrate.connect(create_roles_after_migrate, sender=apps.get_app_config("auth"))
