from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every data app shares: table columns, charts, live figures, triggers, base models."""

    name = "core"
    verbose_name = "Core"
