from django.apps import AppConfig


class NpaPortalConfig(AppConfig):
    """The project itself, as an app: shared templates tags, site-wide commands."""

    name = "npa_portal"
    verbose_name = "NPA portal"
