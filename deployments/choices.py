"""The fixed lists a deployment is described with: the kind of disaster and the JDR team.

Kept apart from the models so that forms, charts, search and the sample data can name them
without the models, and the querysets can count per team.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DisasterType(models.TextChoices):
    EARTHQUAKE = "earthquake", _("Earthquake")
    TSUNAMI = "tsunami", _("Tsunami")
    BUILDING_COLLAPSE = "building-collapse", _("Building collapse")
    FLOOD = "flood", _("Flood")
    STORM = "storm", _("Storm")
    LANDSLIDE = "landslide", _("Landslide")
    VOLCANIC_ERUPTION = "volcanic-eruption", _("Volcanic eruption")
    OTHER = "other", _("Other")


class Team(models.TextChoices):
    RESCUE = "rescue", _("Rescue team")
    SEARCH_SUPPORT = "search-support", _("Search support experts team")
    FORENSIC = "forensic", _("Forensic experts team")
    OTHER = "other", _("Other team")
