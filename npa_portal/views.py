import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from pages.models import Page

from .page_store import cache_status

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


@never_cache
@require_safe
def choose_language(request):
    """/: the home page in the visitor's language: the one they chose with the language switch
    (cookie), else the first of Accept-Language the site speaks, else Japanese.

    The answer depends on those two headers, so it says so (Vary) and is never stored by a
    shared cache or by the page cache (`never_cache`: private, no-store)."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        target = reverse("pages:home")
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponseRedirect(f"{target}?{query}" if query else target)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


@never_cache
@require_safe
def switch_language(request, language):
    """The language switch's link: remember the choice (cookie) and go to `next`, the same
    page in that language. A plain link, so it works without JavaScript; a GET that sets a
    preference only, as harmless as following the link itself.

    `next` must be an address of this site; anything else (or none) goes to the home page."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if allowed:
        # Resolved in the language of its own prefix: `next` may name either language's page.
        with translation.override(translation.get_language_from_path(urlsplit(target).path)):
            target = translate_url(target, language)
    else:
        with translation.override(language):
            target = reverse("pages:home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_safe
def old_address(request, path):
    """An address from before the site spoke Japanese (`/programs/`, `/countries/jp/`, a
    content page): links to it expect English, so it redirects for good to the English page,
    query string and all. A path that is no page in English either is not found."""
    with translation.override("en"):
        try:
            match = resolve(f"/en/{path}")
        except Resolver404:
            raise Http404 from None
        if match.func is old_address:
            raise Http404
        if match.view_name == "pages:page" and not (
            Page.objects.visible_to(request.user).filter(path=match.kwargs["path"]).exists()
        ):
            raise Http404
        target = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)


@require_safe
def robots_txt(request):
    lines = ["User-agent: *"]
    # A DJANGO_ADMIN_URL other than the default is kept secret: robots.txt is read by scanners
    # too. No link leads to the admin, and its pages ask robots not to index them anyway.
    if settings.ADMIN_URL == "admin/":
        lines.append(f"Disallow: {reverse('admin:index')}")
    lines += [
        # The language switch only redirects to pages the sitemap lists.
        *(
            f"Disallow: {reverse('switch_language', args=[code])}"
            for code, _name in settings.LANGUAGES
        ),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def bad_request(request, exception):
    """400 page with the site's context (Django's default renders it without the request)."""
    return render(request, "400.html", status=400)


@requires_csrf_token
def server_error(request):
    """500 page. Like Django's own, it renders without the request: no context processor, no
    database query, nothing that could fail again. Only the settings' source link is added."""
    html = loader.render_to_string("500.html", {"source_url": settings.SOURCE_URL})
    return HttpResponseServerError(html)
