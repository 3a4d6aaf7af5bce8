from django.contrib.sitemaps import Sitemap


class BilingualSitemap(Sitemap):
    """Every item once per language (/ja/... and /en/...), each entry naming the other one and
    the x-default address (the same path without a language prefix: / chooses by the visitor,
    any other address redirects to English)."""

    i18n = True
    alternates = True
    x_default = True
