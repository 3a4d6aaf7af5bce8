"""The page cache after a Redis outage: nothing older than PAGE_CACHE_SECONDS, and an edit made
while Redis was down invalidates the cached pages once it is back.

These start a redis-server of their own on a free port, stop it (saving its data, as a restart
does) and start it again, so the shared Redis of the other tests is never touched.
"""

import contextlib
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from npa_portal import page_store

from . import outside_programs
from .builders import make_figure, make_program

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    page_store.state.reset()
    page_store.local_pages.clear()
    page_store.pending.clear()
    yield
    page_store.local_pages.clear()
    page_store.state.reset()
    page_store.pending.clear()


class OwnRedis:
    """A redis-server on a free port that keeps its data across stop() and start()."""

    def __init__(self, folder):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.folder = folder
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--dir", str(self.folder),
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            if outside_programs.redis_answers(self.url):
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        import redis

        with contextlib.suppress(redis.ConnectionError):  # it closes the connection
            redis.Redis.from_url(self.url).shutdown(save=True)  # as `systemctl restart` does
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis(tmp_path):
    outside_programs.require_command("redis", "redis-server")
    server = OwnRedis(tmp_path)
    server.start()
    settings = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": server.url,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }
    with override_settings(CACHES={"default": settings}):
        yield server
    if server.process.poll() is None:
        server.process.terminate()
        server.process.wait(timeout=10)


@pytest.fixture
def figure(db):
    return make_figure(make_program("Forensic Science"), year=2019, participants=4321)


def get(url="/en/programs/"):
    return Client().get(url)


def test_an_edit_made_while_redis_was_down_invalidates_once_it_is_back(
    figure, own_redis, django_capture_on_commit_callbacks
):
    assert get()["X-Cache"] == "MISS"
    assert get()["X-Cache"] == "HIT"
    other_worker = dict(page_store.local_pages.entries)  # another worker's copies
    own_redis.stop()
    figure.participants = 9753
    with django_capture_on_commit_callbacks(execute=True):
        figure.save()  # the invalidation fails: Redis is down
    down = get()
    assert down.status_code == 200 and b"9,753" in down.content
    own_redis.start()  # with the data it had, the old content version included
    page_store.state.reset()  # as after the few seconds this process waits before trying again
    after = get()
    assert b"9,753" in after.content
    assert after.get("X-Cache") != "HIT"
    assert not page_store.pending.is_set()
    # The other worker had no failed invalidation of its own, and its copies are out of date.
    page_store.local_pages.entries.update(other_worker)
    assert b"9,753" in get().content
    assert b"4,321" not in get().content


def test_copies_are_not_served_while_an_invalidation_is_pending(figure, own_redis, monkeypatch):
    assert get()["X-Cache"] == "MISS"
    assert get()["X-Cache"] == "HIT"
    page_store.pending.set()

    def still_failing(*args, **kwargs):
        raise ConnectionError("Redis is still refusing writes")

    monkeypatch.setattr(page_store, "_delete_version", still_failing)
    response = get()
    assert response.status_code == 200
    assert "X-Cache" not in response  # rendered, not served from any copy
    assert page_store.pending.is_set()


def test_the_content_version_expires_with_the_pages(figure, own_redis, settings):
    settings.PAGE_CACHE_SECONDS = 120
    get()
    assert 0 < cache.ttl(page_store.VERSION_KEY) <= 120


def test_in_process_copies_expire_after_page_cache_seconds(settings):
    settings.PAGE_CACHE_SECONDS = 60
    version = 7
    fresh = (version, [], b"fresh", 'W/"a"', int(time.time()))
    stale = (version, [], b"stale", 'W/"b"', int(time.time()) - 61)
    page_store.local_pages.put("fresh", fresh)
    page_store.local_pages.put("stale", stale)
    assert page_store.local_pages.get("fresh", version) == fresh
    assert page_store.local_pages.get("stale", version) is None


def test_a_process_that_saw_the_cache_fail_invalidates_once_it_is_back(
    figure, own_redis, django_capture_on_commit_callbacks
):
    # Its own copies may be older than an edit another process saved during the outage.
    get()
    assert get()["X-Cache"] == "HIT"
    page_store.state.failed(ConnectionError("Redis is down"))
    assert page_store.pending.is_set()
    page_store.state.reset()
    assert get()["X-Cache"] == "MISS"
    assert not page_store.pending.is_set()
