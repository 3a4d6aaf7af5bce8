"""Real app servers for the several-servers and fault tests: gunicorn, redis-server and
PostgreSQL started as separate processes on free ports, talked to over HTTP.

Everything here is started by a test and stopped in its teardown (kill, then wait), so no
process outlives the test that made it.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests
from django.conf import settings

from . import outside_programs

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SECRET_KEY = "several-servers-test-" + "k" * 40
PASSWORD = "correct horse battery"


def require_postgresql():
    """Skip (with the reason printed) unless the suite runs on PostgreSQL."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip(
            "runs only on PostgreSQL (several app servers share one database): "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/npa_portal make test"
        )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} not ready after {seconds} s")


def stop(process):
    """Kill a process started here and its children (own process group), and reap it."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


class Redis:
    """A redis-server of its own on a free port, without persistence."""

    def __init__(self, directory=None):
        outside_programs.require_command("redis", "redis-server")
        self.port = free_port()
        self.process = None
        self.directory = directory  # where `stop(save=True)` keeps the data for the next start

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"]
            + (["--dir", str(self.directory)] if self.directory else []),
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(lambda: outside_programs.redis_answers(self.url), 10, "redis-server")

    def stop(self, save=False):
        """Stop it; with `save`, as a clean shutdown that writes the data for the next start."""
        if self.process and save and self.process.poll() is None:
            subprocess.run(["redis-cli", "-p", str(self.port), "shutdown", "save"], timeout=10)
            self.process.wait(timeout=10)
        if self.process:
            stop(self.process)


def database_url(name):
    database = settings.DATABASES["default"]
    user = database.get("USER") or "postgres"
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def admin_sql(statement, url=None):
    """Run one statement with autocommit on the server's `postgres` database."""
    import psycopg2

    connection = psycopg2.connect(url or database_url("postgres"))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


class Site:
    """Settings, database content and static files shared by the app servers of one test."""

    def __init__(self, tmp_path, database, cache_url):
        self.tmp = tmp_path
        self.database = database
        self.cache_url = cache_url
        (tmp_path / "site_settings.py").write_text(
            "from npa_portal.settings import *  # noqa: F403\n"
            f"STATIC_ROOT = {str(tmp_path / 'static')!r}\n"
        )

    def env(self, **extra):
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": f"{self.tmp}{os.pathsep}{ROOT}",
            "DJANGO_SETTINGS_MODULE": "site_settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": self.database,
            "CACHE_URL": self.cache_url,
            "PAGE_CACHE_ENABLED": "true",
            "DJANGO_LOG_LEVEL": "WARNING",
            **extra,
        }

    def manage(self, *args, timeout=120):
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def prepare(self):
        """Migrate, collect static files, and add two superusers and one program with figures."""
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        self.manage(
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model\n"
            "from tests.builders import make_figure, make_program\n"
            "users = get_user_model().objects\n"
            f"users.create_superuser('boss', 'boss@example.org', {PASSWORD!r})\n"
            f"users.create_superuser('other', 'other@example.org', {PASSWORD!r})\n"
            "program = make_program('Forensic Science')\n"
            "make_figure(program, year=2019, participants=10, countries=8)\n"
            "make_figure(program, year=2020, participants=12, countries=9)\n",
        )


class AppServer:
    """`gunicorn npa_portal.wsgi` on a free port, with the production settings."""

    def __init__(self, site, workers=2, **env):
        self.site = site
        self.port = free_port()
        self.workers = workers
        self.extra_env = env
        self.process = None
        self.log = site.tmp / f"gunicorn-{self.port}.log"

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.process = subprocess.Popen(
            [GUNICORN, "npa_portal.wsgi", "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", str(self.workers), "--timeout", "30", "--graceful-timeout", "1"],
            cwd=ROOT,
            env=self.site.env(**self.extra_env),
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self.answers, 30, f"gunicorn on port {self.port}")

    def answers(self):
        assert self.process.poll() is None, self.log.read_text()[-3000:]
        try:
            return requests.get(self.url + "/healthz", timeout=2).status_code < 500
        except requests.RequestException:
            return False

    def worker_pids(self):
        result = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True
        )
        return sorted(int(pid) for pid in result.stdout.split())

    def stop(self):
        if self.process:
            stop(self.process)


class FormParser(HTMLParser):
    """The fields of every <form> of a page, as a browser would submit them (no JavaScript)."""

    def __init__(self):
        super().__init__()
        self.forms, self._select, self._textarea, self._option = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"action": attrs.get("action") or "", "id": attrs.get("id") or "", "fields": []}
            )
        elif not self.forms:
            return
        fields = self.forms[-1]["fields"] if self.forms else None
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            fields.append([attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            fields.append([self._select, attrs.get("value", "")])
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = [attrs["name"], ""]
            fields.append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data.removeprefix("\n") if not self._textarea[1] else data


def form_fields(html, contains):
    """The fields of the first form whose action or id contains `contains`, as a list of pairs."""
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        if contains in form["action"] or contains in form["id"]:
            return [tuple(pair) for pair in form["fields"]]
    raise AssertionError(f"no form with action containing {contains!r}")


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def sign_in(session, server, login_url, username, password=PASSWORD):
    """POST the admin sign-in form of `server`; returns the response (not followed)."""
    page = session.get(server.url + login_url, timeout=10)
    data = {"csrfmiddlewaretoken": csrf_token(page.text), "username": username}
    data["password"] = password
    data["next"] = login_url.replace("login/", "")
    return session.post(
        server.url + login_url,
        data=data,
        headers={"Referer": server.url + login_url},
        allow_redirects=False,
        timeout=10,
    )
