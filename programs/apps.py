from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Training programs")

    def ready(self):
        from core import figures

        from .models import LIVE_FIGURE_MEANINGS, live_figures

        figures.register("programs", live_figures, _("Training programs"), LIVE_FIGURE_MEANINGS)
