from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeploymentsConfig(AppConfig):
    name = "deployments"
    verbose_name = _("Deployments and dispatches")

    def ready(self):
        from core import figures

        from .figures import (
            COUNTRY_MEANINGS,
            DISPATCH_MEANINGS,
            JDR_MEANINGS,
            country_figures,
            dispatch_figures,
            jdr_figures,
        )

        figures.register("jdr", jdr_figures, _("Disaster relief"), JDR_MEANINGS)
        figures.register("dispatches", dispatch_figures, _("Expert dispatches"), DISPATCH_MEANINGS)
        figures.register("countries", country_figures, _("Countries"), COUNTRY_MEANINGS)
