"""Shared fixtures. The suite runs unchanged on SQLite and on PostgreSQL (DATABASE_URL)."""

import sys
from collections import Counter

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation

from editorial.roles import EDITORS, PUBLISHERS

from . import outside_programs


def pytest_report_header(config):
    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} ({database['NAME']})"


# Tests read English unless they ask for Japanese: reverse() gives /en/ addresses, the test
# clients' browsers ask for English (the admin and / follow Accept-Language), and the labels
# the tests compare are English. A request to a /ja/ page leaves its thread in Japanese
# (LocaleMiddleware), so a test that reverses after one says which language it means.


@pytest.fixture(autouse=True)
def english_by_default():
    with translation.override("en"):
        yield


@pytest.fixture
def client():
    """pytest-django's `client`, with a browser that asks for English."""
    return english_client()


def english_client():
    return Client(HTTP_ACCEPT_LANGUAGE="en")


# Staff accounts as they are set up: a superuser, and members of the two roles (editorial.roles).


@pytest.fixture
def staff_user(django_user_model):
    """A superuser: may do everything, including managing users."""
    return django_user_model.objects.create_superuser(
        username="staff", email="staff@example.org", password="correct horse battery"
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def make_staff(django_user_model):
    """make_staff(username, role=None): a staff account in the group `role`, or in none."""

    def make(username, role=None):
        user = django_user_model.objects.create_user(username, is_staff=True)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def editor(make_staff):
    return make_staff("editor", EDITORS)


@pytest.fixture
def publisher(make_staff):
    return make_staff("publisher", PUBLISHERS)


def signed_in(user):
    """A client of its own, so a test can also use `client` as someone else."""
    client = english_client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return signed_in(editor)


@pytest.fixture
def publisher_client(publisher):
    return signed_in(publisher)


# Debian's Chromium: Playwright's own browser download cannot work on this machine.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    outside_programs.require_command("chromium", CHROMIUM)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def redis_url():
    """A Redis server's database for tests that need a real one (skips, saying why, without)."""
    outside_programs.require_redis()
    return outside_programs.REDIS_URL


def pytest_terminal_summary(terminalreporter):
    if outside_programs.skipped:
        terminalreporter.section("skipped: an outside program is missing")
        for message, count in Counter(m for _, m in outside_programs.skipped).items():
            terminalreporter.write_line(f"{count} test(s): {message}")
        terminalreporter.write_line(
            "These tests did not run. CI (.ci/run, REQUIRE_EXTERNAL_TOOLS=1) fails instead."
        )
    # Tell people (and CI logs) where the browser tests left their screenshots.
    helpers = sys.modules.get("tests.e2e_helpers")
    if helpers and helpers.taken:
        terminalreporter.write_line(
            f"Screenshots of {len(helpers.taken)} pages saved in {helpers.SCREENSHOTS}"
        )
