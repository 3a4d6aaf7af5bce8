"""The public page cache: a middleware answering anonymous GETs of public pages and CSVs.

Answers are stored ready to send: the body as is and gzip-compressed, with a weak ETag (the
same one the first, uncached answer carried) and a Last-Modified date, and the content version
they were made at. Where they are kept, and how an edit makes them all out of date at once, is
page_store.py; a warm hit costs one small cache read (the current version) and a conditional
request gets a 304. An answer whose version is not the current one is never sent.

Only canonical addresses are stored: a path without a query string, or one whose view is
wrapped in `canonical_query(Form)` and whose query string is exactly the one that form
writes back from the values it understood. Random or reordered parameters are answered, never
stored, so nobody can fill the cache by inventing addresses.

Staff, and anyone holding a session or CSRF cookie, bypass the cache, and so does everyone
for a few seconds after the cache backend failed (see page_store.py).
"""

import functools
import gzip
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_max_age, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from .page_store import content_version, local_pages, retry_pending_bump, state

# Response headers that belong to one answer only.
NOT_STORED = {"set-cookie", "content-length", "date", "x-cache", "etag"}


# Canonical addresses.


def canonical_query(form_class):
    """Let the page cache store a view's answers to addresses with a query string, but only
    when the query string is the one `form_class` writes back from what it understood (its
    `query_string`, as in the page's own links): `?from=2019&to=2020`, not
    `?to=2020&from=2019&x=1`. The mark is an attribute of the response, as Django's own
    `xframe_options_exempt` sets one: nothing of it reaches the browser."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            query = request.META.get("QUERY_STRING", "")
            if query:
                form = form_class(request.GET)
                response.canonical_address = form.is_valid() and query == form.query_string
            return response

        return wrapped

    return decorator


def _cacheable_request(request):
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if any(
        name in cookies
        for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages")
    ):
        return False
    # Uploaded files are served as files (and by nginx or S3 in production), never cached here.
    return not request.path.startswith(("/" + settings.ADMIN_URL, "/healthz", settings.MEDIA_URL))


def _cacheable_response(request, response):
    if response.status_code != 200 or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    if get_max_age(response) == 0:
        return False
    return not request.META.get("QUERY_STRING") or getattr(response, "canonical_address", False)


def _address(request):
    """A digest of language, host and full path; None for a Host header Django refuses (it
    answers 400).

    The language is the one LocaleMiddleware will choose: the path's prefix (/ja/, /en/), or
    for an address outside the prefixes (sitemap.xml, the open data) the visitor's cookie or
    Accept-Language, reduced to one of the site's languages, so those answers are stored once
    per language and never served in the wrong one. / itself is never stored (never_cache).
    """
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    language = translation.get_language_from_request(request, check_path=True)
    address = f"{language}:{host}{request.get_full_path()}".encode("utf-8", "replace")
    return hashlib.md5(address, usedforsecurity=False).hexdigest()


def _key(address, variant):
    return f"npa:page:{address}:{variant}"


def _etag(body):
    # Weak: the gzip and plain variants carry the same tag (RFC 9110, 8.8.1).
    return f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'


def _accepts_gzip(request):
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


def _not_modified(request, etag, last_modified):
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag.removeprefix("W/") in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and last_modified <= since


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests for public pages and CSVs from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request) or not state.available():
            return self.get_response(request)
        address = _address(request)
        if address is None:
            return self.get_response(request)
        variant = "gz" if _accepts_gzip(request) else "raw"
        key = _key(address, variant)
        try:
            retry_pending_bump()
            version = content_version()
            entry = local_pages.get(key, version)
            if entry is None:
                entry = cache.get(key)
                if entry is not None and entry[0] == version:
                    local_pages.put(key, entry)
                else:
                    entry = None  # none, or made before the latest edit
        except Exception as error:  # noqa: BLE001 - Redis down must not take the site down
            state.failed(error)
            return self.get_response(request)
        if entry is not None:
            return self._from_entry(request, entry, variant)
        response = self.get_response(request)
        if _cacheable_response(request, response):
            self._store_later(response, version, address)
            response["X-Cache"] = "MISS"
        return response

    # Answers from the cache.

    def _from_entry(self, request, entry, variant):
        _, headers, body, etag, last_modified = entry
        if _not_modified(request, etag, last_modified):
            response = HttpResponse(status=304)
            for name, value in headers:
                if name.lower() in ("last-modified", "cache-control", "vary"):
                    response[name] = value
        else:
            response = HttpResponse(b"" if request.method == "HEAD" else body)
            for name, value in headers:
                response[name] = value
            response["Content-Length"] = str(len(body))
            if variant == "gz":
                response["Content-Encoding"] = "gzip"
        response["ETag"] = etag
        response["X-Cache"] = "HIT"
        return response

    # Storing answers.

    def _store_later(self, response, version, address):
        last_modified = int(time.time())
        response["Cache-Control"] = "no-cache"  # browsers may keep it, but must ask (304)
        response["Last-Modified"] = http_date(last_modified)
        patch_vary_headers(response, ("Accept-Encoding",))
        headers = [(n, v) for n, v in response.items() if n.lower() not in NOT_STORED]

        def store(body):
            etag = _etag(body)
            packed = gzip.compress(body, compresslevel=6, mtime=0)
            entries = {
                _key(address, "raw"): (version, headers, body, etag, last_modified),
                _key(address, "gz"): (version, headers, packed, etag, last_modified),
            }
            try:
                cache.set_many(entries, timeout=settings.PAGE_CACHE_SECONDS)
            except Exception as error:  # noqa: BLE001
                state.failed(error)
                return
            for key, entry in entries.items():
                local_pages.put(key, entry)

        if response.streaming:
            # The body is known only once sent: this first answer goes out without an ETag.
            response.streaming_content = _tee(response.streaming_content, store)
        elif len(response.content) <= settings.PAGE_CACHE_MAX_BYTES:
            # The same weak ETag as the hits that follow (ConditionalGetMiddleware's is strong).
            response["ETag"] = _etag(response.content)
            store(response.content)


def _tee(chunks, store):
    """Pass a streamed body through unchanged, storing it at the end unless it grew too big."""
    kept, size, limit = [], 0, settings.PAGE_CACHE_MAX_BYTES
    for chunk in chunks:
        if kept is not None:
            size += len(chunk)
            if size > limit:
                kept = None  # too big to cache: stop holding it, memory stays flat
            else:
                kept.append(chunk)
        yield chunk
    if kept is not None:
        store(b"".join(kept))
