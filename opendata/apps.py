from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    """What describes the data for machines: the datasets' schema.org and DCAT metadata, the
    Frictionless data package of the CSVs, and the Atom feeds."""

    name = "opendata"
    verbose_name = _("Open data")
