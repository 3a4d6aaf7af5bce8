from django.urls import reverse

from core.sitemaps import BilingualSitemap

from .countries import country_activity


class CountrySitemap(BilingualSitemap):
    """Every country or region with a deployment or dispatch: the list of /countries/."""

    changefreq = "monthly"

    def items(self):
        return [item.code for item in country_activity()]

    def location(self, code):
        return reverse("deployments:country_detail", args=[code])
