"""Settings for the benchmarks (bench/run.py): the production settings plus a trivial view.

`BENCH_PAGE_CACHE=stock` swaps the site's page cache for Django's own per-site cache
middleware (UpdateCacheMiddleware/FetchFromCacheMiddleware, with GZipMiddleware so that its
stored answers are compressed as ours are), to measure one against the other.
"""

import os

from npa_portal.settings import *  # noqa: F403
from npa_portal.settings import DATABASES, MIDDLEWARE

ROOT_URLCONF = "bench.urls"

if os.environ.get("BENCH_PAGE_CACHE") == "stock":
    PAGE_CACHE = "npa_portal.page_cache.PageCacheMiddleware"
    MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        "django.middleware.gzip.GZipMiddleware",
        *(name for name in MIDDLEWARE if name != PAGE_CACHE),
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    CACHE_MIDDLEWARE_SECONDS = 600

if os.environ.get("BENCH_DB_POOL"):  # bench/connections.py, with psycopg 3 installed
    DATABASES["default"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), "pool": True}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
