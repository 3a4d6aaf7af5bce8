"""Query count and in-process render time of each page, uncached: `python bench/queries.py`.

Prints one JSON object {url: {"queries": n, "ms": best}} for the database at DATABASE_URL.
The best of the repeats is kept: on a shared machine the others mostly measure the neighbours.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The site's own settings, whichever page cache the run measures (bench/settings.py).
os.environ["DJANGO_SETTINGS_MODULE"] = "npa_portal.settings"
os.environ["PAGE_CACHE_ENABLED"] = "false"


def measure(urls, repeat):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # allows the test client's host "testserver"
    client = Client()
    results = {}
    for url in urls:
        client.get(url)  # warm the connection and the template cache
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            times.append((time.perf_counter() - start) * 1000)
        results[url] = {"queries": len(queries), "ms": round(min(times), 1)}
    return results


if __name__ == "__main__":
    urls = sys.argv[2:]
    print(json.dumps(measure(urls, int(sys.argv[1]))))
