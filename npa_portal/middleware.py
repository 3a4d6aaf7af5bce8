"""Site-wide middleware and helpers: the request body cap, the language of a request, the
client's address and what the sign-in lockout counts by.

Beyond the body cap, no request guard of our own: Django already answers 400 for too many
parameters (`DATA_UPLOAD_MAX_NUMBER_FIELDS`), each page's form refuses a NUL byte or an
over-long value with a 400 and a message, no URL pattern matches a NUL byte in the path
(404), and gunicorn refuses a request line over `--limit-request-line` bytes (4094 by
default; `make serve`).
"""

import ipaddress

from django.conf import settings
from django.db.models import Sum
from django.http import HttpResponse
from django.middleware import locale
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _


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


def upload_body_limit(path):
    """The larger body cap of an admin upload form at `path`, or None for any other address:
    an import's upload step (not its confirm, which is small) or a media library form."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.url_name or ""
    if match.app_name != "admin":
        return None
    if name.endswith("_import") and not name.endswith("_process_import"):
        return settings.IMPORT_BODY_MAX_BYTES
    if name.startswith("library_") and name.endswith(("_add", "_change")):
        return settings.LIBRARY_BODY_MAX_BYTES
    return None


def in_request_language(request):
    """The language LocaleMiddleware will choose for `request`, for an answer made before it
    runs (the path's /ja/ or /en/, else the cookie or Accept-Language)."""
    return translation.override(translation.get_language_from_request(request, check_path=True))


class RequestBodyLimitMiddleware:
    """Refuse a request whose declared body is larger than REQUEST_BODY_MAX_BYTES with 413,
    before anything reads it. Django's DATA_UPLOAD_MAX_MEMORY_SIZE counts only the form fields
    that are not files, so without this a 100 MB multipart POST to the sign-in page is read
    whole. The import upload has its own, larger cap (IMPORT_BODY_MAX_BYTES); a body sent
    without Content-Length (chunked) is read by Django as empty under WSGI. The media library's
    upload forms have theirs too (LIBRARY_BODY_MAX_BYTES).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(declared)
        except ValueError:
            with in_request_language(request):
                text = _("This request's length (its Content-Length header) is not a number.")
            return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
        if length > settings.REQUEST_BODY_MAX_BYTES:
            limit = upload_body_limit(request.path_info) or settings.REQUEST_BODY_MAX_BYTES
            if length > limit:
                with in_request_language(request):
                    text = _("This request is too large: at most %(limit)d bytes are accepted.") % {
                        "limit": limit
                    }
                return HttpResponse(text, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def from_trusted_proxy(request):
    """Whether the request reached us from one of DJANGO_TRUSTED_PROXIES (addresses or networks)."""
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(proxy, strict=False) for proxy in settings.TRUSTED_PROXIES
    )


def client_ip(request):
    """The visitor's address, for sign-in throttling.

    Behind `DJANGO_PROXY_COUNT` reverse proxies, the address the outermost of our proxies saw
    (counted from the right of X-Forwarded-For, so a client cannot forge it); else REMOTE_ADDR.
    X-Forwarded-For is believed only when the request came from one of our proxies
    (`DJANGO_TRUSTED_PROXIES`): sent straight to gunicorn, it is whatever the client wrote.
    """
    count = settings.PROXY_COUNT
    if count > 0 and from_trusted_proxy(request):
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def lockout_parameters(request_or_attempt, credentials=None):
    """What django-axes counts failures by: a username from one address, and also the username
    alone once it has failed AXES_ACCOUNT_FAILURE_LIMIT times from any number of addresses
    (within the cool-off time), so guessing from many addresses locks the account too."""
    from axes.helpers import get_client_username
    from axes.models import AccessAttempt

    parameters = [["username", "ip_address"]]
    username = getattr(request_or_attempt, "username", None)
    if username is None and hasattr(request_or_attempt, "META"):
        username = get_client_username(request_or_attempt, credentials)
    if username:
        failures = AccessAttempt.objects.filter(
            username=username, attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
        ).aggregate(total=Sum("failures_since_start"))["total"]
        if (failures or 0) >= settings.AXES_ACCOUNT_FAILURE_LIMIT:
            parameters.append("username")
    return parameters
