from django.core.exceptions import DisallowedHost
from django.utils.functional import SimpleLazyObject

from .navigation import menu_items


def pages(request):
    """The header menu (built only when shown) and the page's canonical address."""
    return {
        "navigation": SimpleLazyObject(lambda: menu_items(request.path)),
        "canonical_url": _canonical_url(request),
    }


def _canonical_url(request):
    try:
        return request.build_absolute_uri(request.path)
    except DisallowedHost:
        # The 400 page for a forged Host header must not fail on that same header.
        return ""
