"""Shared fixtures. The suite runs unchanged on SQLite and on PostgreSQL (DATABASE_URL)."""

import sys
from collections import Counter

import pytest
from django.conf import settings

from . import outside_programs


def pytest_report_header(config):
    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} ({database['NAME']})"


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser(
        username="staff", email="staff@example.org", password="correct horse battery"
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


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
