from django.conf import settings

from core.figures import LiveFigures


def site(request):
    """Site-wide template values; `figures` is lazy, so pages that don't use it run no query."""
    return {
        "site_name": settings.SITE_NAME,
        "source_url": settings.SOURCE_URL,
        "figures": LiveFigures(),
    }
