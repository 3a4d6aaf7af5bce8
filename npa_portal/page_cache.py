"""The public page cache: a middleware answering anonymous GETs of public pages and CSVs.

Every cached answer is keyed with a "content version" number kept in the cache itself. Any save
or delete of a content row (programs, deployments, pages, and everything that goes through
them: the admin, imports, reverts, restores) deletes that number once its transaction commits
(`transaction.on_commit`), so every cached answer is out of date at once and the next visitor
sees the edit. A deletion, unlike a write, still works when Redis is full.

Answers are stored ready to send: the body as is and gzip-compressed, with a weak ETag (the
same one the first, uncached answer carried) and a Last-Modified date, and the version they
were made at. Each process also keeps the hottest answers in its own memory (`_LocalPages`),
so a warm hit costs one small cache read (the current version) and a conditional request gets
a 304. An answer whose version is not the current one is never sent.

Only canonical addresses are stored: a path without a query string, or one whose view is
wrapped in `canonical_query(Form)` and whose query string is exactly the one that form
writes back from the values it understood. Random or reordered parameters are answered, never
stored, so nobody can fill the cache by inventing addresses.

Staff, and anyone holding a session or CSRF cookie, bypass the cache. If the cache backend
fails (Redis down), the failure is logged, pages are served uncached for a few seconds before
the next try, and /healthz reports the cache as "error". An invalidation that failed then is
made again before the process serves anything from a cache, and no copy, in Redis or in a
process's memory, is used after PAGE_CACHE_SECONDS, however the outage went.
"""

import functools
import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_max_age, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from core.scheduling import next_scheduled_change

logger = logging.getLogger(__name__)

VERSION_KEY = "npa:content-version"
CONTENT_APPS = {"programs", "deployments", "pages", "library"}
# After a cache failure, this process leaves the cache alone for this many seconds.
RETRY_AFTER_FAILURE = 5.0
# Response headers that belong to one answer only.
NOT_STORED = {"set-cookie", "content-length", "date", "x-cache", "etag"}


class _CacheState:
    """When this process last saw the cache fail (a small circuit breaker)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.failed_until = 0.0
        self.last_error = ""

    def available(self):
        return time.monotonic() >= self.failed_until

    def failed(self, error):
        # While the cache cannot be reached, another process may save an edit whose
        # invalidation fails: once it answers again, this process invalidates too.
        pending.set()
        with self.lock:
            first = self.available()
            self.failed_until = time.monotonic() + RETRY_AFTER_FAILURE
            self.last_error = repr(error)
        if first:
            logger.error("Page cache unavailable, serving uncached pages: %r", error)

    def reset(self):
        self.failed_until = 0.0
        self.last_error = ""


state = _CacheState()


def content_version():
    """The current content version; raises when the cache backend fails.

    Time-based, so a version lost with the cache (restart, eviction, an edit) is never reused.
    It lives no longer than the pages (PAGE_CACHE_SECONDS): should an invalidation be lost
    (the process that failed to make it ended before Redis came back), no page made before it
    outlives that time. Nor does it outlive the next scheduled publish or unpublish time
    (core.scheduling): the version carries the moment it stops being valid, checked on every
    read against this server's clock, so no page is served past a scheduled change even where
    the backend rounds expiry times. Looking that moment up costs one query per version, that
    is once per edit or scheduled change.
    """
    stored = cache.get(VERSION_KEY)
    if not isinstance(stored, tuple):
        stored = None  # none, or a bare number left by an older release
    now = time.time()
    if stored is not None and now < stored[1]:
        return stored[0]
    version, valid_until = time.time_ns(), _version_valid_until(now)
    timeout = max(valid_until - now, 0.001)
    if stored is not None:
        # Expired at a scheduled change but still in the backend: replace it.
        cache.set(VERSION_KEY, (version, valid_until), timeout=timeout)
    elif not cache.add(VERSION_KEY, (version, valid_until), timeout=timeout):
        stored = cache.get(VERSION_KEY)
        if isinstance(stored, tuple) and now < stored[1]:
            return stored[0]
    return version


def _version_valid_until(now):
    """Epoch seconds: PAGE_CACHE_SECONDS from now, or the next scheduled change if sooner."""
    limit = now + settings.PAGE_CACHE_SECONDS
    try:
        change = next_scheduled_change()
    except DatabaseError:
        # The page itself will fail to read the database too; store nothing for long.
        return now + RETRY_AFTER_FAILURE
    return limit if change is None else min(limit, change.timestamp())


# Set while an invalidation is still to be made: one this process could not make (Redis down),
# or one it owes because it saw the cache fail, when an edit saved by another process may have
# failed to invalidate too. Until it is made, this process serves no page from any cache, its
# own memory included.
pending = threading.Event()


def _delete_version():
    cache.delete(VERSION_KEY)


def bump_content_version():
    """Make every cached page out of date. Never raises: a cache failure is logged, and the
    invalidation is made again before this process next uses the cache (`retry_pending_bump`)."""
    local_pages.clear()
    try:
        _delete_version()
    except Exception as error:  # noqa: BLE001 - any backend failure
        pending.set()
        state.failed(error)
    else:
        pending.clear()


def retry_pending_bump():
    """Make the invalidation that failed while the cache was down; raises if it fails again."""
    if pending.is_set():
        local_pages.clear()
        _delete_version()
        pending.clear()
        logger.warning("Page cache: back after a failure; every cached page invalidated.")


# Which on-commit bumps this thread has scheduled, and up to which one it has bumped.
_bumps = threading.local()


def _bump_after_commit():
    """Bump once the current transaction commits (at once outside a transaction).

    Bumping before the commit would let a request read the old rows and store them under the
    new version. Each change schedules a bump, but the first to run covers every one scheduled
    before it, so a transaction of many rows (an import) bumps once.
    """
    number = _bumps.scheduled = getattr(_bumps, "scheduled", 0) + 1

    def bump():
        if getattr(_bumps, "done", 0) < number:
            _bumps.done = _bumps.scheduled
            bump_content_version()

    transaction.on_commit(bump)


def content_changed(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        _bump_after_commit()


def connect_signals():
    post_save.connect(content_changed, dispatch_uid="npa-page-cache-save")
    post_delete.connect(content_changed, dispatch_uid="npa-page-cache-delete")


def cache_status():
    """ "ok" or "error", for /healthz: a real round trip through the cache backend."""
    try:
        cache.set("npa:healthz", 1, timeout=10)
        if cache.get("npa:healthz") != 1:
            return "error"
    except Exception as error:  # noqa: BLE001
        state.failed(error)
        return "error"
    return "ok"


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


class _LocalPages:
    """This process's own copy of the hottest cached answers, at most `max_bytes` of bodies.

    Each entry carries the content version it was made at, and is used only while that is
    still the current version (read from the shared cache on every request), so a hit costs
    one small round trip to Redis instead of fetching and unpickling the whole page.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = OrderedDict()
        self.size = 0

    def get(self, key, version):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry[0] != version:
                return None
            if time.time() - entry[4] > settings.PAGE_CACHE_SECONDS:
                # Made longer ago than any page may live (its Redis copy has expired too).
                self._remove(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def _remove(self, key):
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[2])

    def put(self, key, entry):
        limit = settings.PAGE_CACHE_LOCAL_BYTES
        size = len(entry[2])
        if size > limit:
            return
        with self.lock:
            self._remove(key)
            self.entries[key] = entry
            self.size += size
            while self.size > limit:
                _, evicted = self.entries.popitem(last=False)
                self.size -= len(evicted[2])

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


local_pages = _LocalPages()


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
