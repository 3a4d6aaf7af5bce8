"""Refuse requests that no page can mean, before any work is done; the client's address."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

BAD_CHARACTERS = ("\x00", "%00")


def _bad_request(request, reason):
    # Rendered without the request: its path may hold the very bytes being refused.
    context = {"reason": reason, "site_name": settings.SITE_NAME, "source_url": settings.SOURCE_URL}
    return HttpResponseBadRequest(render_to_string("400.html", context))


class RequestGuardMiddleware:
    """400 for NUL bytes in the path or query string and for oversized query strings.

    Django would carry a NUL byte into a database query (PostgreSQL refuses it with an error)
    and an endless query string into every form; neither is a page anyone asked for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if len(query) > settings.MAX_QUERY_STRING_LENGTH:
            return _bad_request(request, _("The address is too long."))
        if any(bad in request.path for bad in BAD_CHARACTERS) or "%00" in query:
            return _bad_request(request, _("The address contains a character that is not allowed."))
        limit = settings.MAX_QUERY_PARAMETER_LENGTH
        try:
            items = list(request.GET.lists())
        except Exception:  # TooManyFieldsSent, and anything else the parser refuses
            return _bad_request(request, _("The address has too many parameters."))
        for key, values in items:
            if len(key) > limit or any(len(value) > limit for value in values):
                return _bad_request(request, _("A parameter in the address is too long."))
            if "\x00" in key or any("\x00" in value for value in values):
                return _bad_request(
                    request, _("The address contains a character that is not allowed.")
                )
        return self.get_response(request)


def client_ip(request):
    """The visitor's address, for sign-in throttling.

    Behind `DJANGO_PROXY_COUNT` reverse proxies, the address the outermost of our proxies saw
    (counted from the right of X-Forwarded-For, so a client cannot forge it); else REMOTE_ADDR.
    """
    count = settings.PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
