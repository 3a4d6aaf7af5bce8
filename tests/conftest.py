"""Shared fixtures. The suite runs unchanged on SQLite and on PostgreSQL (DATABASE_URL)."""

import sys

import pytest
from django.conf import settings


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
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


def pytest_terminal_summary(terminalreporter):
    # Tell people (and CI logs) where the browser tests left their screenshots.
    helpers = sys.modules.get("tests.e2e_helpers")
    if helpers and helpers.taken:
        terminalreporter.write_line(
            f"Screenshots of {len(helpers.taken)} pages saved in {helpers.SCREENSHOTS}"
        )
