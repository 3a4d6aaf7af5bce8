"""Two gunicorn app servers behind one PostgreSQL database and one Redis, as in production.

An edit made through one server is seen at once on a page the other has cached; a staff
session, a waiting import and a sign-in lockout made on one hold on the other. Runs on
PostgreSQL only (skips on SQLite, saying so); starts its own database, redis-server and servers.
"""

import os
import re

import pytest
import requests
from django.urls import reverse
from django.utils import translation

from .app_servers import (
    AppServer,
    Redis,
    Site,
    admin_sql,
    csrf_token,
    database_url,
    form_fields,
    require_postgresql,
    sign_in,
)
from .editorial_helpers import csv_bytes


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    require_postgresql()
    name = f"npa_two_servers_{os.getpid()}"
    admin_sql(f"DROP DATABASE IF EXISTS {name}")
    admin_sql(f"CREATE DATABASE {name}")
    redis = Redis()
    servers = []
    try:
        redis.start()
        site = Site(tmp_path_factory.mktemp("two-servers"), database_url(name), redis.url)
        site.prepare()
        servers = [AppServer(site), AppServer(site)]
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.stop()
        redis.stop()
        admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_an_edit_through_one_server_is_seen_at_once_on_a_page_cached_by_the_other(two_servers):
    a, b = two_servers
    page = url("programs:detail", "forensic-science")
    first = requests.get(b.url + page, timeout=10)
    again = requests.get(b.url + page, timeout=10)
    assert first.status_code == again.status_code == 200
    assert again.headers.get("X-Cache") == "HIT"
    assert "4242" not in again.text

    staff = requests.Session()
    assert sign_in(staff, a, url("admin:login"), "boss").status_code == 302
    changelist = staff.get(a.url + url("admin:programs_annualfigure_changelist"), timeout=10)
    figure_id = min(map(int, re.findall(r"/annualfigure/(\d+)/change/", changelist.text)))
    change = url("admin:programs_annualfigure_change", figure_id)
    form = staff.get(a.url + change, timeout=10)
    fields = [
        (name, "4242" if name == "participants" else value)
        for name, value in form_fields(form.text, "annualfigure_form")
        if name != "_addanother"
    ]
    saved = staff.post(
        a.url + change,
        data=fields + [("_save", "Save")],
        headers={"Referer": a.url + change},
        allow_redirects=False,
        timeout=10,
    )
    assert saved.status_code == 302, re.findall(r"(?s)error(?:list|note)[^>]*>(.*?)</", saved.text)

    after = requests.get(b.url + page, timeout=10)
    assert after.status_code == 200
    assert "4242" in after.text


def test_a_staff_session_from_one_server_works_on_the_other(two_servers):
    a, b = two_servers
    staff = requests.Session()
    assert sign_in(staff, a, url("admin:login"), "boss").status_code == 302
    index = staff.get(b.url + url("admin:index"), allow_redirects=False, timeout=10)
    assert index.status_code == 200
    assert "boss" in index.text


def test_an_import_previewed_on_one_server_is_confirmed_on_the_other(two_servers):
    a, b = two_servers
    staff = requests.Session()
    assert sign_in(staff, a, url("admin:login"), "boss").status_code == 302
    upload = url("admin:programs_annualfigure_import")
    form = staff.get(a.url + upload, timeout=10)
    content = csv_bytes(
        ["program", "year", "participants", "countries", "note"],
        [["Forensic Science", 2021, 17, 7, "two servers"]],
    )
    preview = staff.post(
        a.url + upload,
        data={"csrfmiddlewaretoken": csrf_token(form.text), "resource": "0", "format": "0"},
        files={"import_file": ("figures-2021.csv", content, "text/csv")},
        headers={"Referer": a.url + upload},
        timeout=20,
    )
    assert preview.status_code == 200, preview.text[-2000:]
    process = url("admin:programs_annualfigure_process_import")
    fields = form_fields(preview.text, process)
    assert any(name == "import_file_name" for name, _ in fields)
    confirmed = staff.post(
        b.url + process,
        data=fields,
        headers={"Referer": b.url + upload},
        allow_redirects=False,
        timeout=20,
    )
    assert confirmed.status_code == 302, confirmed.text[-2000:]
    changelist = b.url + url("admin:programs_annualfigure_changelist") + "?q=two+servers"
    rows = staff.get(changelist, timeout=10)
    assert "two servers" in rows.text


def test_a_sign_in_lockout_on_one_server_holds_on_the_other(two_servers):
    a, b = two_servers
    login = url("admin:login")
    for _ in range(5):
        failed = sign_in(requests.Session(), a, login, "other", "wrong password")
        assert failed.status_code in (200, 429)
    locked = sign_in(requests.Session(), b, login, "other")
    assert locked.status_code == 429
    # The other account from the same address is not locked.
    assert sign_in(requests.Session(), b, login, "boss").status_code == 302
