"""The site's addresses plus /__bench__/trivial/, for the benchmarks only (bench/settings.py)."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from npa_portal.urls import *  # noqa: F403
from npa_portal.urls import urlpatterns as site_urlpatterns


@never_cache
@require_safe
def trivial(request):
    """The framework's ceiling: a 3-byte answer through the same middleware, never cached."""
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")


# First: the content pages' catch-all would take the address otherwise.
urlpatterns = [path("__bench__/trivial/", trivial), *site_urlpatterns]
