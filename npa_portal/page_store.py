"""Where the page cache keeps its answers and how it knows they are still current.

Every cached answer is stored with the "content version" it was made at, a number kept in the
cache itself. Any save or delete of a content row (programs, deployments, pages, and everything
that goes through them: the admin, imports, reverts, restores) deletes that number once its
transaction commits (`transaction.on_commit`), so every cached answer is out of date at once and
the next visitor sees the edit. A deletion, unlike a write, still works when Redis is full.

Each process also keeps the hottest answers in its own memory (`_LocalPages`), used only while
their version is the current one, so a warm hit costs one small cache read.

If the cache backend fails (Redis down), the failure is logged, pages are served uncached for a
few seconds before the next try, and /healthz reports the cache as "error". An invalidation that
failed then is made again before the process serves anything from a cache, and every second in
the background until it succeeds (another process may be serving the requests), and no copy, in
Redis or in a process's memory, is used after PAGE_CACHE_SECONDS, however the outage went.
The middleware that serves and stores the answers is in page_cache.py.
"""

import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save

from core.scheduling import next_scheduled_change

logger = logging.getLogger(__name__)

VERSION_KEY = "npa:content-version"
CONTENT_APPS = {"programs", "deployments", "pages", "library"}
# After a cache failure, this process leaves the cache alone for this many seconds.
RETRY_AFTER_FAILURE = 5.0


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
        retry_in_background()
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


# How often a process that owes an invalidation tries again, requests or not.
RETRY_INTERVAL = 1.0
_retrier = None
_retrier_lock = threading.Lock()


def retry_in_background():
    """Try the owed invalidation every RETRY_INTERVAL in a thread of this process, not only on
    its next request: another process, which never saw the outage, may take every request once
    Redis is back, and would serve the pages from before the edit under the old version until
    this one deletes it."""
    global _retrier
    with _retrier_lock:
        if _retrier is not None and _retrier.is_alive():
            return
        _retrier = threading.Thread(target=_retry_until_done, name="page-cache-retry", daemon=True)
        _retrier.start()


def _retry_until_done():
    while pending.is_set():
        time.sleep(RETRY_INTERVAL)
        try:
            retry_pending_bump()
        except Exception:  # noqa: BLE001, S112 - still down: try again later
            continue


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
