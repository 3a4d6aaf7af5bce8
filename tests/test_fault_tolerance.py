"""Faults the audit caused by hand, automated: Redis stopped and started, PostgreSQL restarted
while requests run, a gunicorn worker killed. Each test starts its own redis-server, its own
database (or PostgreSQL cluster) and its own gunicorn, so the shared services are never touched.
Runs on PostgreSQL only (skips on SQLite, saying so).
"""

import contextlib
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from glob import glob
from pathlib import Path

import pytest
import requests
from django.urls import reverse
from django.utils import translation

from npa_portal.page_store import RETRY_AFTER_FAILURE

from . import outside_programs
from .app_servers import (
    AppServer,
    Redis,
    Site,
    admin_sql,
    database_url,
    form_fields,
    free_port,
    require_postgresql,
    sign_in,
    wait_for,
)


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


PROGRAM = ("programs:detail", "forensic-science")


@pytest.fixture
def own_database():
    require_postgresql()
    name = f"npa_faults_{os.getpid()}"
    admin_sql(f"DROP DATABASE IF EXISTS {name}")
    admin_sql(f"CREATE DATABASE {name}")
    yield database_url(name)
    admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def own_redis(tmp_path):
    redis = Redis(directory=tmp_path)
    redis.start()
    yield redis
    redis.stop()


def edit_figure(server, participants):
    """Sign in on `server` and save the first figure with a new number of participants."""
    staff = requests.Session()
    assert sign_in(staff, server, url("admin:login"), "boss").status_code == 302
    changelist = staff.get(server.url + url("admin:programs_annualfigure_changelist"), timeout=10)
    figure_id = min(map(int, re.findall(r"/annualfigure/(\d+)/change/", changelist.text)))
    change = url("admin:programs_annualfigure_change", figure_id)
    form = staff.get(server.url + change, timeout=10)
    fields = [
        (name, str(participants) if name == "participants" else value)
        for name, value in form_fields(form.text, "annualfigure_form")
    ]
    saved = staff.post(
        server.url + change,
        data=fields + [("_save", "Save")],
        headers={"Referer": server.url + change},
        allow_redirects=False,
        timeout=10,
    )
    assert saved.status_code == 302


@pytest.fixture(scope="module")
def redis_outage(tmp_path_factory):
    """Redis stopped (keeping its data), an edit made meanwhile, Redis started again: what a
    visitor got at each step, as (status, body, X-Cache) of each answer."""
    require_postgresql()
    name = f"npa_faults_redis_{os.getpid()}"
    admin_sql(f"DROP DATABASE IF EXISTS {name}")
    admin_sql(f"CREATE DATABASE {name}")
    folder = tmp_path_factory.mktemp("redis-outage")
    redis, server = Redis(directory=folder), None
    try:
        redis.start()
        site = Site(folder, database_url(name), redis.url)
        site.prepare()
        server = AppServer(site)
        server.start()
        page = server.url + url(*PROGRAM)

        def visit(times):
            answers = [requests.get(page, timeout=10) for _ in range(times)]
            return [(a.status_code, a.text, a.headers.get("X-Cache")) for a in answers]

        seen = {"warm": visit(5)}  # both workers hold the page in Redis and in their memory
        redis.stop(save=True)  # the cached pages and the version survive the restart
        seen["down"] = visit(4)
        edit_figure(server, 4242)  # an edit made while Redis is down
        seen["edited while down"] = visit(2)
        redis.start()
        # Past the time a worker leaves a failed cache alone, it uses the cache again.
        time.sleep(RETRY_AFTER_FAILURE + 0.5)
        seen["back"] = visit(6)
        yield seen
    finally:
        if server:
            server.stop()
        redis.stop()
        admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_redis_stopped_and_started_costs_no_error_and_pages_stay_right(redis_outage):
    assert redis_outage["warm"][-1][2] == "HIT"
    for step in ("warm", "down", "edited while down", "back"):
        assert all(status == 200 for status, _, _ in redis_outage[step]), step
        assert all("Forensic Science" in body for _, body, _ in redis_outage[step]), step
    assert all("4242" in body for _, body, _ in redis_outage["edited while down"])
    assert any(cache == "HIT" for _, _, cache in redis_outage["back"])


def test_no_page_from_before_an_edit_made_while_redis_was_down(redis_outage):
    assert all("4242" in body for _, body, _ in redis_outage["back"]), [
        (status, cache, "4242" in body) for status, body, cache in redis_outage["back"]
    ]


def test_a_killed_worker_is_replaced_and_requests_keep_being_answered(
    tmp_path, own_database, own_redis, request
):
    site = Site(tmp_path, own_database, own_redis.url)
    site.prepare()
    server = AppServer(site)
    request.addfinalizer(server.stop)
    server.start()
    page = server.url + url(*PROGRAM)
    workers = server.worker_pids()
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    failures, started = 0, time.monotonic()
    while time.monotonic() - started < 5:
        try:
            answer = requests.get(page, timeout=10)
            failures += answer.status_code != 200
        except requests.ConnectionError:
            failures += 1
    assert failures <= 1  # at most the request the killed worker was holding
    wait_for(lambda: len(server.worker_pids()) == 2, 15, "a replacement worker")
    assert workers[0] not in server.worker_pids()
    assert requests.get(page, timeout=10).status_code == 200


class Cluster:
    """A PostgreSQL cluster of its own (initdb, pg_ctl) on a free port in a temporary folder."""

    def __init__(self):
        binaries = sorted(glob("/usr/lib/postgresql/*/bin/initdb"))
        if not binaries:
            outside_programs.require_command("postgresql", "initdb")
        self.bin = os.path.dirname(binaries[-1]) if binaries else ""
        # Its own folder, not pytest's: other pytest runs reset the modes of pytest's folders.
        self.folder, self.port = Path(tempfile.mkdtemp(prefix="npa-cluster-")), free_port()
        self.data = self.folder / "data"
        self.as_owner = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            self.as_owner = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, pwd.getpwnam("postgres").pw_uid)

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_ctl("stop", mode="immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def run(self, program, *args):
        result = subprocess.run(
            [*self.as_owner, os.path.join(self.bin, program), *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/npa_faults"

    def init(self):
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")

    def pg_ctl(self, *args, mode="fast"):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        return self.run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-m", mode, *args)


def test_postgresql_restarted_while_requests_run(tmp_path, own_redis, request):
    require_postgresql()
    cluster = Cluster()
    request.addfinalizer(cluster.remove)
    cluster.init()
    cluster.pg_ctl("start", "-l", str(cluster.folder / "log"))
    admin_sql("CREATE DATABASE npa_faults", cluster.url.rsplit("/", 1)[0] + "/postgres")
    site = Site(tmp_path, cluster.url, own_redis.url)
    site.prepare()
    server = AppServer(site, PAGE_CACHE_ENABLED="false")  # every request reads the database
    request.addfinalizer(server.stop)
    server.start()
    page = server.url + url(*PROGRAM)

    log, running = [], True

    def load():
        while running:
            try:
                answer = requests.get(page, timeout=10)
                log.append(
                    (time.monotonic(), answer.status_code, "Forensic Science" in answer.text)
                )
            except requests.RequestException:
                log.append((time.monotonic(), None, False))
            time.sleep(0.02)

    thread = threading.Thread(target=load)
    thread.start()
    try:
        time.sleep(1)
        down = time.monotonic()
        cluster.pg_ctl("stop")
        time.sleep(1)
        cluster.pg_ctl("start", "-l", str(cluster.folder / "log"))
        up = time.monotonic()
        time.sleep(2)
    finally:
        running = False
        thread.join(timeout=20)
    before = [entry for entry in log if entry[0] < down]
    after = [entry for entry in log if entry[0] > up + 0.5]
    assert before and after
    assert all(status == 200 and right for _, status, right in before)
    assert all(status == 200 and right for _, status, right in after), after
    # While it was down: an error page, never a hang.
    assert all(status in (200, 500, 503) for when, status, _ in log if down <= when <= up)
    for name in ("programs:index", "pages:home"):
        assert requests.get(server.url + url(name), timeout=10).status_code == 200
