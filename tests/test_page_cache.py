"""The public page cache: hits, canonical addresses, invalidation on every kind of edit, 304s,
Redis up, down and full."""

import gzip
import logging
import socket
import subprocess
import time

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.test import Client, RequestFactory, override_settings

from npa_portal import page_cache, page_store
from npa_portal.page_store import CONTENT_APPS
from pages.models import Page
from programs.models import AnnualFigure

from . import outside_programs
from .builders import deployment, make_figure, make_page, make_program, make_section
from .editorial_helpers import confirm, csv_bytes, upload

pytestmark = pytest.mark.django_db

UNREACHABLE = "redis://127.0.0.1:6390/1"  # nothing listens there


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    page_store.state.reset()
    page_store.local_pages.clear()
    cache.clear()
    yield
    cache.clear()
    page_store.local_pages.clear()
    page_store.state.reset()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run `action` and then its on-commit hooks (the invalidation), as a real commit would."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


@pytest.fixture
def figure(db):
    return make_figure(make_program("Forensic Science"), year=2019, participants=4321)


def anonymous():
    return Client()


def test_second_anonymous_visit_is_a_hit_with_the_same_page(figure):
    first = anonymous().get("/en/programs/")
    second = anonymous().get("/en/programs/")
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert b"4,321" in second.content or b"4321" in second.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Content-Type"] == "text/html; charset=utf-8"


def test_hit_runs_no_query(figure, django_assert_num_queries):
    anonymous().get("/en/programs/")
    with django_assert_num_queries(0):
        assert anonymous().get("/en/programs/")["X-Cache"] == "HIT"


def test_a_warm_hit_reads_only_the_version_from_the_shared_cache(figure, monkeypatch):
    anonymous().get("/en/programs/")
    reads = []
    real_get = page_cache.cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "get", counting_get)
    assert anonymous().get("/en/programs/")["X-Cache"] == "HIT"
    assert reads == [page_store.VERSION_KEY]


def test_another_process_fetches_the_page_from_the_shared_cache(figure):
    first = anonymous().get("/en/programs/")
    page_store.local_pages.clear()  # as a second gunicorn worker would start
    second = anonymous().get("/en/programs/")
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content


def test_an_answer_made_before_the_latest_edit_is_never_sent(figure, commit, rf):
    # A slow request that read the old rows may store its answer after the edit's bump.
    anonymous().get("/en/programs/")
    old_version = page_store.content_version()
    commit(page_store.bump_content_version)
    entry = cache.get(page_cache._key(page_cache._address(rf.get("/en/programs/")), "raw"))
    assert entry[0] == old_version  # still in the shared cache...
    assert anonymous().get("/en/programs/")["X-Cache"] == "MISS"  # ...but never sent


def test_gzip_clients_get_the_stored_compressed_body(figure):
    plain = anonymous().get("/en/programs/")
    zipped = anonymous().get("/en/programs/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert zipped["X-Cache"] == "HIT"
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert "Accept-Encoding" in zipped["Vary"]


def test_conditional_requests_get_304(figure):
    anonymous().get("/en/programs/")
    hit = anonymous().get("/en/programs/")
    etag, modified = hit["ETag"], hit["Last-Modified"]
    assert anonymous().get("/en/programs/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert anonymous().get("/en/programs/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert anonymous().get("/en/programs/", HTTP_IF_NONE_MATCH='W/"other"').status_code == 200
    assert hit["Cache-Control"] == "no-cache"  # browsers revalidate, so never show stale figures


def test_query_strings_are_cached_separately(figure):
    anonymous().get("/en/programs/")
    assert anonymous().get("/en/programs/?from=2019")["X-Cache"] == "MISS"


def test_staff_and_cookie_holders_bypass_the_cache(figure, staff_user):
    anonymous().get("/en/programs/")
    staff = Client()
    staff.force_login(staff_user)
    response = staff.get("/en/programs/")
    assert response.status_code == 200
    assert "X-Cache" not in response
    with_csrf = Client()
    with_csrf.cookies["csrftoken"] = "x" * 32
    assert "X-Cache" not in with_csrf.get("/en/programs/")


def test_errors_and_admin_are_not_cached(figure):
    assert "X-Cache" not in anonymous().get("/en/no-such-page/")
    assert "X-Cache" not in anonymous().get("/en/programs/?from=abc")  # 400
    assert "X-Cache" not in anonymous().get("/admin/login/")
    assert "X-Cache" not in anonymous().get("/healthz")


def test_csv_is_streamed_then_served_from_the_cache(figure):
    first = anonymous().get("/en/programs/figures.csv")
    assert first.streaming
    body = b"".join(first.streaming_content)
    second = anonymous().get("/en/programs/figures.csv")
    assert second["X-Cache"] == "HIT"
    assert second.content == body
    assert second["Content-Disposition"] == first["Content-Disposition"]


def test_csv_larger_than_the_limit_is_streamed_but_not_cached(figure, settings):
    settings.PAGE_CACHE_MAX_BYTES = 10
    b"".join(anonymous().get("/en/programs/figures.csv").streaming_content)
    assert anonymous().get("/en/programs/figures.csv")["X-Cache"] == "MISS"


# Invalidation: a visitor never sees stale figures after any kind of edit.


def _warm(url):
    anonymous().get(url)
    assert anonymous().get(url)["X-Cache"] == "HIT"


def test_saving_a_figure_invalidates(figure, commit):
    _warm("/en/programs/")

    def edit():
        figure.participants = 8765
        figure.save()

    commit(edit)
    response = anonymous().get("/en/programs/")
    assert response["X-Cache"] == "MISS"
    assert b"8,765" in response.content or b"8765" in response.content


def test_deleting_invalidates(figure, commit):
    _warm("/en/programs/forensic-science/")
    commit(figure.program.delete)
    assert anonymous().get("/en/programs/forensic-science/").status_code == 404


def test_deployment_edit_invalidates(db, commit):
    row = commit(lambda: deployment(place="Old place", persons=7))
    _warm("/en/deployments/disaster-relief/")
    row.place = "New place"
    commit(row.save)
    assert b"New place" in anonymous().get("/en/deployments/disaster-relief/").content


def test_page_and_section_edits_invalidate(db, commit):
    page = commit(lambda: make_page("About us"))
    section = commit(lambda: make_section(page, body="First words."))
    _warm("/en/about-us/")
    section.body = "Second words."
    commit(section.save)
    assert b"Second words." in anonymous().get("/en/about-us/").content
    page.title = "About the team"
    commit(page.save)
    assert b"About the team" in anonymous().get("/en/about-us/").content


def test_import_invalidates_once(figure, staff_user, commit, monkeypatch):
    _warm("/en/programs/")
    bumps = []
    real = page_store.bump_content_version
    monkeypatch.setattr(page_store, "bump_content_version", lambda: (bumps.append(1), real()))
    staff = Client()
    staff.force_login(staff_user)
    content = csv_bytes(
        ["program", "year", "participants", "countries", "note"],
        [["Forensic Science", 2019, 5555, 9, ""], ["Forensic Science", 2020, 6666, 7, ""]],
    )
    preview = upload(staff, "programs_annualfigure", content, "figures.csv")
    commit(lambda: confirm(staff, "programs_annualfigure", preview))
    assert AnnualFigure.objects.filter(participants=6666).exists()
    page = anonymous().get("/en/programs/")
    assert page["X-Cache"] == "MISS"
    assert b"6,666" in page.content or b"6666" in page.content


def test_restore_from_history_invalidates(figure, commit):
    from editorial.restore import restore_deleted

    program = figure.program
    commit(figure.delete)
    _warm("/en/programs/forensic-science/")
    record = AnnualFigure.history.filter(history_type="-").latest("history_date")
    commit(lambda: restore_deleted(record))
    assert b"4,321" in anonymous().get("/en/programs/forensic-science/").content or (
        b"4321" in anonymous().get(f"/en/programs/{program.slug}/").content
    )


@pytest.mark.parametrize(
    "model",
    [m for m in apps.get_models() if m._meta.app_label in CONTENT_APPS],
    ids=lambda m: m._meta.label,
)
def test_every_content_model_is_watched(model, commit):
    # The receiver is connected to every sender (see the real saves above); it keeps these.
    before = page_store.content_version()
    commit(lambda: page_store.content_changed(sender=model))
    assert page_store.content_version() != before


def test_other_models_are_not_content(django_user_model, commit):
    before = page_store.content_version()
    commit(lambda: page_store.content_changed(sender=django_user_model))
    assert page_store.content_version() == before


def test_one_bump_after_the_commit_however_many_rows(figure, monkeypatch, commit):
    bumps = []
    real = page_store.bump_content_version
    monkeypatch.setattr(page_store, "bump_content_version", lambda: (bumps.append(1), real()))
    before = page_store.content_version()

    def edit():
        figure.save()
        figure.save()
        Page.objects.count()
        assert page_store.content_version() == before  # not before the commit
        assert bumps == []

    commit(edit)
    assert bumps == [1]
    assert page_store.content_version() != before
    commit(figure.save)  # a later transaction bumps again
    assert bumps == [1, 1]


def test_a_rolled_back_edit_does_not_stop_later_bumps(figure, commit):
    def rolled_back():
        with pytest.raises(RuntimeError), transaction.atomic():
            figure.save()
            raise RuntimeError

    commit(rolled_back)
    before = page_store.content_version()
    commit(figure.save)
    assert page_store.content_version() != before


# One ETag per content.


def test_a_miss_and_a_hit_send_the_same_etag(figure):
    miss = anonymous().get("/en/programs/")
    hit = anonymous().get("/en/programs/")
    zipped = anonymous().get("/en/programs/", HTTP_ACCEPT_ENCODING="gzip")
    assert (miss["X-Cache"], hit["X-Cache"], zipped["X-Cache"]) == ("MISS", "HIT", "HIT")
    assert miss["ETag"] == hit["ETag"] == zipped["ETag"]
    assert miss["ETag"].startswith('W/"')  # the same tag for the gzip and plain bodies
    assert anonymous().get("/en/programs/", HTTP_IF_NONE_MATCH=miss["ETag"]).status_code == 304


# Canonical addresses only: nobody fills the cache by inventing query strings.


def _stored(url):
    request = RequestFactory().get(url)
    return cache.get(page_cache._key(page_cache._address(request), "raw")) is not None


@pytest.mark.parametrize(
    "url",
    [
        "/en/programs/?utm_source=x",
        "/en/programs/?from=2019&x=1",
        "/en/programs/?to=2020&from=2019",
        "/en/programs/?from=02019",
        "/en/programs/?from=2019&to=",
        "/en/programs/figures.csv?bom=1",
        "/en/deployments/disaster-relief/?country=id",
        "/en/countries/?page=2",
        "/en/search/?q=police",
    ],
)
def test_other_addresses_are_answered_but_never_stored(figure, url):
    for _ in range(2):
        response = anonymous().get(url)
        assert response.status_code == 200
        assert "X-Cache" not in response
    assert not _stored(url)


@pytest.mark.parametrize(
    "url",
    [
        "/en/programs/?from=2019",
        "/en/programs/?from=2019&to=2020",
        "/en/programs/table.csv?to=2020",
        "/en/deployments/disaster-relief/?country=ID",
        "/en/deployments/expert-dispatches.csv?from=2015",
    ],
)
def test_canonical_addresses_are_stored(figure, url):
    first = anonymous().get(url)
    if first.streaming:
        b"".join(first.streaming_content)
    assert first["X-Cache"] == "MISS"
    assert anonymous().get(url)["X-Cache"] == "HIT"
    assert _stored(url)


# A real Redis, a Redis that is down, and a Redis that is full.


def _redis(url):
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }


def test_with_real_redis(figure, commit, redis_url):
    with override_settings(CACHES={"default": _redis(redis_url)}):
        cache.clear()
        assert anonymous().get("/en/programs/")["X-Cache"] == "MISS"
        assert anonymous().get("/en/programs/")["X-Cache"] == "HIT"
        figure.participants = 1357
        commit(figure.save)
        response = anonymous().get("/en/programs/")
        assert response["X-Cache"] == "MISS"
        assert b"1,357" in response.content or b"1357" in response.content
        assert anonymous().get("/healthz").json() == {
            "status": "ok",
            "database": "ok",
            "cache": "ok",
        }
        cache.clear()


def test_redis_down_serves_pages_uncached_and_health_says_degraded(figure, commit, caplog):
    with override_settings(CACHES={"default": _redis(UNREACHABLE)}):
        with caplog.at_level(logging.ERROR, logger="npa_portal.page_store"):
            first = anonymous().get("/en/programs/")
        assert first.status_code == 200
        assert "X-Cache" not in first
        assert "Page cache unavailable" in caplog.text
        # Edits still save (the failed invalidation is logged, not raised).
        figure.participants = 2468
        commit(figure.save)
        assert anonymous().get("/en/programs/forensic-science/").status_code == 200
        health = anonymous().get("/healthz")
        assert health.status_code == 200
        assert health.json() == {"status": "degraded", "database": "ok", "cache": "error"}


@pytest.fixture
def small_redis(request):
    """A redis-server of our own on a free port, with 2 MB of memory and the given policy."""
    outside_programs.require_command("redis", "redis-server")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no",
         "--maxmemory", "2mb", "--maxmemory-policy", request.param],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    try:
        for _ in range(50):
            if outside_programs.redis_answers(url):
                break
            time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def _fill(url):
    """Write 10 KB values until Redis refuses (noeviction) or has evicted for a while."""
    import redis

    client = redis.Redis.from_url(url)
    for number in range(1000):
        try:
            client.set(f"filler:{number}", b"x" * 10_000)
        except redis.exceptions.OutOfMemoryError:
            return
    assert client.info("stats")["evicted_keys"] > 0


@pytest.mark.parametrize("small_redis", ["allkeys-lru", "noeviction"], indirect=True)
def test_a_full_redis_never_serves_a_page_older_than_an_edit(figure, commit, small_redis):
    # allkeys-lru (the README's advice) evicts old pages; noeviction (Redis's default) refuses
    # every write, but the invalidation is a deletion, which a full Redis still accepts.
    with override_settings(CACHES={"default": _redis(small_redis)}):
        assert anonymous().get("/en/programs/")["X-Cache"] == "MISS"
        assert anonymous().get("/en/programs/")["X-Cache"] == "HIT"
        _fill(small_redis)
        figure.participants = 9753
        commit(figure.save)
        page_store.local_pages.clear()  # as in another worker, which the edit did not run in
        for _ in range(2):
            response = anonymous().get("/en/programs/")
            assert response.status_code == 200
            assert b"9,753" in response.content
