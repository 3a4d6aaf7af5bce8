import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from .page_cache import cache_status

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """For load balancers and monitoring.

    200 "ok" when the database and the cache answer; 200 "degraded" when only the cache fails
    (pages are then served uncached: slower, still correct); 503 when the database fails.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    cache = cache_status()
    if cache != "ok":
        logger.error("Health check: cache unreachable")
        return JsonResponse({"status": "degraded", "database": "ok", "cache": cache})
    return JsonResponse({"status": "ok", "database": "ok", "cache": "ok"})


@require_safe
def favicon(request):
    """/favicon.ico, asked for by browsers on pages without an icon link (the admin's)."""
    return redirect(static("favicon.svg"))


def bad_request(request, exception):
    """400 page with the site's context (Django's default renders it without the request)."""
    return render(request, "400.html", status=400)


@requires_csrf_token
def server_error(request):
    """500 page. Like Django's own, it renders without the request: no context processor, no
    database query, nothing that could fail again. Only the settings' source link is added."""
    html = loader.render_to_string("500.html", {"source_url": settings.SOURCE_URL})
    return HttpResponseServerError(html)
