from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .countries import country_activity


class CountrySitemap(Sitemap):
    """Every country or region with a deployment or dispatch: the list of /countries/."""

    changefreq = "monthly"

    def items(self):
        return [item.code for item in country_activity()]

    def location(self, code):
        return reverse("deployments:country_detail", args=[code])
