from functools import cache

from django.core.exceptions import DisallowedHost
from django.utils.functional import SimpleLazyObject

from .navigation import menu_and_footer


def pages(request):
    """The header menu and the footer's pages (each built only when shown), and the page's
    canonical address."""

    @cache
    def links():
        return menu_and_footer(request.path)

    return {
        "navigation": SimpleLazyObject(lambda: links()[0]),
        "footer_pages": SimpleLazyObject(lambda: links()[1]),
        "canonical_url": _canonical_url(request),
    }


def _canonical_url(request):
    try:
        return request.build_absolute_uri(request.path)
    except DisallowedHost:
        # The 400 page for a forged Host header must not fail on that same header.
        return ""
