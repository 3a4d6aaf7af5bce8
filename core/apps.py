from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every data app shares: table columns, charts, live figures, triggers, base models."""

    name = "core"
    verbose_name = _("Core")
