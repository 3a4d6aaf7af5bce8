from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeploymentsConfig(AppConfig):
    name = "deployments"
    verbose_name = _("Deployments and dispatches")

    def ready(self):
        from core import figures

        from .figures import country_figures, dispatch_figures, jdr_figures

        figures.register("jdr", jdr_figures)
        figures.register("dispatches", dispatch_figures)
        figures.register("countries", country_figures)
