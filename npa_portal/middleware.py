"""Site-wide middleware helpers: the language of a request, the client's address for the
sign-in lockout.

No request guard of our own: Django already answers 400 for too many parameters
(`DATA_UPLOAD_MAX_NUMBER_FIELDS`), each page's form refuses a NUL byte or an over-long value
with a 400 and a message, no URL pattern matches a NUL byte in the path (404), and gunicorn
refuses a request line over `--limit-request-line` bytes (4094 by default; `make serve`).
"""

from django.conf import settings
from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware, minus its guess for an address without a language prefix
    that found nothing: Django would redirect it to the same path under the visitor's prefix,
    so `/no-such-page/` would be a redirect to a 404. Here every old address has its own
    permanent redirect (`npa_portal.views.old_address`), so anything else is simply not
    found: a 404 at once, in the visitor's language."""

    def process_response(self, request, response):
        if response.status_code == 404 and not translation.get_language_from_path(
            request.path_info
        ):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


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
