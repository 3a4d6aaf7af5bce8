from django.utils.functional import SimpleLazyObject

from .navigation import menu_items


def pages(request):
    """The header menu (built only when shown) and the page's canonical address."""
    return {
        "navigation": SimpleLazyObject(lambda: menu_items(request.path)),
        "canonical_url": request.build_absolute_uri(request.path),
    }
